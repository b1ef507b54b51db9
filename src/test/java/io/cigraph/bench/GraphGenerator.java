package io.cigraph.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A deterministic synthetic competitive-intelligence graph in our import format: vendors,
 * partners, operating systems and releases, technologies, markets, product lines, devices of
 * every class, sources and observations, about five relations an entity, each with provenance.
 * Degrees follow a power law (a few vendors develop a large share of all devices: at a million
 * entities the largest has over 100,000 relations). Files are written in chunks in dependency
 * order, so each file refers only to itself and to files before it, and nothing is held in
 * memory beyond the id lists used to draw relation ends. Files are large (100,000 resources by
 * default) so that a load has to stream within a file, as real exports do.
 *
 * <p>Beside the main files it writes {@value #EXTRA_FILES} files {@code extra/extra-N.ttl}, each
 * with {@value #EXTRA} new devices related to the main graph, for measuring incremental imports
 * into a loaded graph one after another.
 */
public final class GraphGenerator {

    /** Resources per main file unless told otherwise. */
    public static final int PER_FILE = 100_000;
    /** New devices in each extra file. */
    public static final int EXTRA = 1_000;
    /** Extra files: the first import after a start runs code the JIT has not compiled yet, later ones less so. */
    public static final int EXTRA_FILES = 4;

    static final String[] DEVICE_CLASSES = {"Smartphone", "Smartphone", "Smartphone", "Tablet", "Notebook", "Desktop",
            "Smartwatch", "FitnessBand", "TWSEarbuds", "SmartSpeaker", "SmartTV", "CommercialSmartScreen", "Printer",
            "SmartHomeDevice", "Car"};
    static final String[] CATEGORIES = {"smartphones", "tablets", "notebooks", "desktops", "wearables", "hearables",
            "smart-speakers", "smart-tvs", "smart-home", "commercial-smart-screens", "printers", "cars"};
    private static final String[] SYLLABLES = {"nor", "vex", "kal", "tris", "zen", "ora", "lum", "qi", "tan", "vel", "mar",
            "sol", "dex", "ryn", "hal", "cor", "pix", "nova", "xen", "tel", "sky", "bri", "on", "ix", "ar", "ly", "mo", "ka"};
    private static final String HANZI = "华为星闪鸿蒙擎云智能手机平板电脑手表耳机音箱电视汽车科技云联网光速未来天地海山河星月辰龙凤";
    private static final String[] WORDS = ("device platform wireless latency battery display camera processor chip modem "
            + "software ecosystem market share growth users enterprise consumer partner cockpit driving connectivity "
            + "bluetooth network cloud service update release security privacy performance design premium budget flagship "
            + "wearable health sensor audio speaker screen resolution charging storage memory kernel distributed app store "
            + "developer integration retail channel shipment quarter region china europe global launch series model")
            .split(" ");
    static final String PREFIXES = """
            @prefix kg:      <https://w3id.org/cigraph/ontology#> .
            @prefix res:     <https://w3id.org/cigraph/id/> .
            @prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
            @prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
            @prefix dcterms: <http://purl.org/dc/terms/> .
            @prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .

            """;

    private final SplittableRandom random;
    private final int entities;
    private final int chunk;
    private final Path dir;
    private final List<Path> files = new ArrayList<>();
    private BufferedWriter out;
    private int inChunk;
    private String lastLabel;
    private long relations;
    private long written;

    private final List<String> regions = new ArrayList<>();
    private final List<String> sources = new ArrayList<>();
    private final List<String> vendors = new ArrayList<>();
    private final List<String> releases = new ArrayList<>();
    private final List<String> technologies = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();
    private final List<String> devices = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();

    /**
     * What was generated: main files in import order, counts, the extra files in import order, and
     * a sample of device labels for searches.
     */
    public record Generated(List<Path> files, long entities, long relations, List<Extra> extras, List<String> labels) {
    }

    /** An extra file and its last device's id and label, to look for once it is imported. */
    public record Extra(Path file, String lastId, String lastLabel) {
    }

    private GraphGenerator(int entities, long seed, int chunk, Path dir) {
        this.random = new SplittableRandom(seed);
        this.entities = entities;
        this.chunk = chunk;
        this.dir = dir;
    }

    /**
     * Generates about {@code entities} resources into {@code dir}, {@code chunk} resources a file,
     * and the extra files into {@code dir/extra}.
     */
    public static Generated generate(int entities, long seed, int chunk, Path dir) {
        try {
            Files.createDirectories(dir.resolve("extra"));
            GraphGenerator g = new GraphGenerator(entities, seed, chunk, dir);
            g.run();
            long entities0 = g.written;
            long relations0 = g.relations;
            List<Path> main = List.copyOf(g.files);
            List<Extra> extras = new ArrayList<>();
            for (int i = 1; i <= EXTRA_FILES; i++) {
                Path file = dir.resolve("extra/extra-" + i + ".ttl");
                extras.add(new Extra(file, g.extra(file), g.lastLabel));
            }
            return new Generated(main, entities0, relations0, List.copyOf(extras), List.copyOf(g.labels));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int share(double fraction, int min) {
        return Math.max(min, (int) Math.round(entities * fraction));
    }

    private void run() throws IOException {
        int nRegions = share(0.0001, 8);
        int nSources = share(0.04, 5);
        int nVendors = share(0.003, 3);
        int nPartners = share(0.004, 2);
        int nOs = share(0.0004, 2);
        int nTech = share(0.003, 3);
        int nMarkets = share(0.002, 2);
        int nLines = share(0.015, 5);
        int nObservations = share(0.08, 5);
        int fixed = CATEGORIES.length + nRegions + nSources + nVendors + nPartners + nOs * 5 + nTech + nMarkets + nLines + nObservations;
        int nDevices = Math.max(10, entities - fixed);

        for (String category : CATEGORIES) {
            entity(category, "ProductCategory", title(category.replace('-', ' ')), null, false);
            end();
        }
        for (int i = 0; i < nRegions; i++) {
            String id = "region-" + i;
            regions.add(id);
            entity(id, "Region", "Region " + name(2), null, true);
            end();
        }
        for (int i = 0; i < nSources; i++) {
            String id = "source-" + i;
            sources.add(id);
            entity(id, "Article", "Report " + i + " on " + name(2), null, false);
            out.write("    kg:title \"Report " + i + " on the " + words(4) + "\" ;\n");
            out.write("    kg:publishedOn \"" + date(2018, 2026) + "\"^^xsd:date ;\n    kg:publisher \"" + title(name(2)) + " Research\" ");
            end();
        }
        for (int i = 0; i < nVendors; i++) {
            String id = "vendor-" + i;
            entity(id, "Vendor", title(name(2)) + " " + i, null, true);
            for (int k = 0; k < 2 && !vendors.isEmpty(); k++) {
                relation("competesWith", pick(vendors));
            }
            vendors.add(id);
            end();
        }
        for (int i = 0; i < nPartners; i++) {
            entity("partner-" + i, "AutomotivePartner", title(name(2)) + " Motors " + i, null, true);
            relation("partnersWith", zipf(vendors));
            end();
        }
        for (int i = 0; i < nOs; i++) {
            String os = "os-" + i;
            entity(os, "OperatingSystem", title(name(2)) + "OS " + i, null, true);
            relation("developedBy", zipf(vendors));
            end();
            for (int r = 1; r <= 4; r++) {
                String release = os + "-" + r;
                entity(release, "OperatingSystemRelease", title(name(2)) + "OS " + i + "." + r, null, false);
                relation("releaseOf", os);
                if (r > 1) {
                    relation("successorOf", os + "-" + (r - 1));
                }
                releases.add(release);
                end();
            }
        }
        for (int i = 0; i < nTech; i++) {
            String id = "technology-" + i;
            entity(id, i % 3 == 0 ? "SoftwareCapability" : "ShortRangeWirelessTechnology", title(name(2)) + " Link " + i, null, true);
            relation("developedBy", zipf(vendors));
            technologies.add(id);
            end();
        }
        for (int i = 0; i < nMarkets; i++) {
            entity("market-" + i, "Market", title(name(1)) + " market " + i, null, false);
            relation("marketIn", pick(regions));
            relation("inCategory", "smartphones");
            end();
        }
        for (int i = 0; i < nLines; i++) {
            String id = "line-" + i;
            entity(id, i % 10 == 0 ? "ProductSeries" : "ProductLine", title(name(2)) + " series " + i, null, true);
            relation("developedBy", zipf(vendors));
            relation("inCategory", CATEGORIES[random.nextInt(CATEGORIES.length)]);
            lines.add(id);
            end();
        }
        for (int i = 0; i < nDevices; i++) {
            device(i);
            if (i % Math.max(1, nDevices / 500) == 0) {
                labels.add(lastLabel);
            }
        }
        for (int i = 0; i < nObservations; i++) {
            String id = "observation-" + i;
            entity(id, "Observation", "Shipments of " + i, null, false);
            out.write("    kg:metric \"shipments\" ; kg:value " + random.nextInt(1, 10_000_000) + " ; kg:unit \"units\" ;\n");
            out.write("    kg:period \"Q" + random.nextInt(1, 5) + " " + random.nextInt(2018, 2026) + "\" ;\n");
            out.write("    kg:observationOf res:" + zipf(devices) + " ; kg:inRegion res:" + pick(regions)
                    + " ; kg:source res:" + zipf(sources) + " ;\n");
            out.write("    kg:evidence \"" + words(12) + "\" ");
            relations += 3;
            end();
        }
        close();
    }

    private void device(int i) throws IOException {
        String id = "device-" + i;
        String type = DEVICE_CLASSES[random.nextInt(DEVICE_CLASSES.length)];
        lastLabel = title(name(2)) + " " + (char) ('A' + random.nextInt(26)) + random.nextInt(100) + " " + i;
        entity(id, type, lastLabel, null, random.nextInt(10) < 3);
        relation("developedBy", zipf(vendors));
        relation("partOfSeries", pick(lines));
        relation("runs", pick(releases));
        relation("supports", zipf(technologies));
        relation("availableIn", pick(regions));
        devices.add(id);
        end();
    }

    /**
     * Writes {@value #EXTRA} new devices, numbered after the main ones and related to main-graph
     * vendors, series, releases, technologies and regions, into one file; returns the last one's id.
     */
    private String extra(Path file) throws IOException {
        int first = devices.size();
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write(PREFIXES);
        inChunk = Integer.MIN_VALUE; // one file, whatever the chunk size
        for (int i = first; i < first + EXTRA; i++) {
            device(i);
        }
        close();
        return devices.getLast();
    }

    private void entity(String id, String type, String label, String description, boolean chinese) throws IOException {
        if (out == null) {
            Path file = dir.resolve(String.format(Locale.ROOT, "gen-%04d.ttl", files.size()));
            files.add(file);
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out.write(PREFIXES);
        }
        out.write("res:" + id + " a kg:" + type + " ;\n    rdfs:label \"" + label + "\" ;\n");
        out.write("    skos:altLabel \"" + label.toLowerCase(Locale.ROOT).replace(" ", "") + "\"@en");
        if (chinese) {
            out.write(" , \"" + hanzi() + "\"@zh");
        }
        out.write(" ;\n    dcterms:description \"" + (description != null ? description : words(30)) + "\" ;\n");
        written++;
    }

    private void relation(String predicate, String object) throws IOException {
        out.write("    kg:" + predicate + " res:" + object + " {| kg:source res:" + zipf(sources) + " ; kg:evidence \""
                + words(10) + "\" ; kg:confidence 0." + random.nextInt(5, 10) + " |} ;\n");
        relations++;
    }

    /** Closes a resource's description; starts a new file every {@code chunk} resources. */
    private void end() throws IOException {
        out.write(".\n\n");
        if (++inChunk >= chunk) {
            close();
        }
    }

    private void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
            inChunk = 0;
        }
    }

    private String pick(List<String> ids) {
        return ids.get(random.nextInt(ids.size()));
    }

    /** Power-law choice: index k is drawn with probability about proportional to 1/(k+1). */
    private String zipf(List<String> ids) {
        int n = ids.size();
        double u = random.nextDouble();
        int k = (int) Math.floor(Math.pow(n + 1.0, u)) - 1;
        return ids.get(Math.min(Math.max(k, 0), n - 1));
    }

    private String name(int syllables) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < syllables; i++) {
            b.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        return b.toString();
    }

    private String hanzi() {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(2, 5);
        for (int i = 0; i < n; i++) {
            b.append(HANZI.charAt(random.nextInt(HANZI.length())));
        }
        return b.toString();
    }

    private String words(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return b.toString();
    }

    private String date(int fromYear, int toYear) {
        return String.format(Locale.ROOT, "%d-%02d-%02d", random.nextInt(fromYear, toYear), random.nextInt(1, 13), random.nextInt(1, 29));
    }

    private static String title(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
