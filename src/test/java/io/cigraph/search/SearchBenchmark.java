package io.cigraph.search;

import io.cigraph.model.Alias;
import io.cigraph.model.ImportBatch;
import io.cigraph.model.Projection;
import io.cigraph.model.Provenance;
import io.cigraph.model.RelationRecord;
import io.cigraph.model.ResourceRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.FSDirectory;

/**
 * Measures the search index on synthetic entities (names, English and Chinese aliases, 30-word
 * descriptions, two relations each with an evidence quote): indexing rate through the import
 * path, and latency of our searches and suggestions beside raw Lucene running the plain query of
 * the same kind, with highlighting, on the same index in the same run. Not a test: run it with
 * {@code ./mvnw -q -Pbench-search test-compile exec:exec -Dbench.entities=1000000}. Prints a
 * markdown table and writes it to {@code target/bench/search.md}.
 */
public final class SearchBenchmark {

    private static final int CHUNK = 10_000;
    private static final int WARMUP = 300;
    private static final int RUNS = 2_000;
    private static final List<String> TYPES = List.of("Vendor", "Smartphone", "Tablet", "Smartwatch", "OperatingSystem",
            "WirelessTechnology", "ProductSeries", "Market", "Offering", "Printer");
    private static final String HAN = "华为鸿蒙星闪擎云智能手机平板电脑笔记本台式机穿戴设备耳机音箱电视家居商用慧屏打印汽车座舱驾驶中国大陆全球西方市场系统操作网络";

    private final SplittableRandom random = new SplittableRandom(42);
    private final String[] words;

    private SearchBenchmark() {
        words = new String[20_000];
        for (int i = 0; i < words.length; i++) {
            words[i] = word(i);
        }
    }

    public static void main(String[] args) throws IOException {
        int entities = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        new SearchBenchmark().run(entities);
    }

    /** A pronounceable pseudo-word, so that stemming and fuzzy matching see word-like terms. */
    private static String word(int i) {
        String[] syllables = {"ka", "lo", "mi", "ne", "su", "ra", "to", "vi", "ze", "qu", "an", "el", "or", "ix", "um", "yo"};
        StringBuilder b = new StringBuilder();
        int n = i;
        do {
            b.append(syllables[n % syllables.length]);
            n /= syllables.length;
        } while (n > 0);
        return b.append(syllables[i % 7]).toString();
    }

    /** Zipf-like: low ranks much more often, like words in text. */
    private String someWord() {
        double u = random.nextDouble();
        return words[(int) Math.min(words.length - 1, Math.floor(Math.pow(words.length, u)) - 1)];
    }

    private String chinese(int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(HAN.charAt(random.nextInt(HAN.length())));
        }
        return b.toString();
    }

    private static String capitalised(String w) {
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    private ResourceRecord entity(int i) {
        String name = capitalised(words[random.nextInt(words.length)]) + " " + capitalised(words[random.nextInt(2_000)])
                + " " + (i % 97);
        List<Alias> aliases = new ArrayList<>();
        aliases.add(new Alias(name.replace(" ", ""), "en"));
        if (i % 3 == 0) {
            aliases.add(new Alias(chinese(2 + random.nextInt(3)), "zh"));
        }
        StringBuilder description = new StringBuilder();
        for (int w = 0; w < 30; w++) {
            description.append(w == 0 ? "" : " ").append(someWord());
        }
        return new ResourceRecord("e" + i, "https://w3id.org/cigraph/id/e" + i, List.of(TYPES.get(i % TYPES.size())),
                name, aliases, description.toString(), Map.of("rank", (long) i), 0);
    }

    private ImportBatch chunk(int from, int to) {
        List<ResourceRecord> resources = new ArrayList<>();
        List<RelationRecord> relations = new ArrayList<>();
        for (int i = from; i < to; i++) {
            resources.add(entity(i));
            int near = from + random.nextInt(to - from);
            int anyEarlier = random.nextInt(Math.max(1, i));
            for (int other : new int[] {near, anyEarlier}) {
                if (other != i) {
                    String quote = someWord() + " " + someWord() + " " + someWord() + " " + someWord() + " " + someWord();
                    relations.add(new RelationRecord("e" + i, "partnersWith", "e" + other,
                            new Provenance("e0", quote, 0.9, null, null), 0));
                }
            }
        }
        return new ImportBatch("bench-" + from, "bench", "sha-" + from, resources, relations);
    }

    private record Row(String what, String ours, String raw, String ratio) {
    }

    private void run(int n) throws IOException {
        Path dir = Files.createTempDirectory("cigraph-bench");
        SearchProperties properties = SearchProperties.make(dir.resolve("ours"));
        SearchIndex index = new SearchIndex(properties, SeedIndex.ONTOLOGY);
        EntitySearch search = new EntitySearch(index, SeedIndex.ONTOLOGY, properties);
        List<Row> rows = new ArrayList<>();
        try {
            System.out.printf("Indexing %,d entities in batches of %,d%n", n, CHUNK);
            long ourNanos = 0;
            long rawNanos = 0;
            Documents documents = new Documents(SeedIndex.ONTOLOGY);
            try (FSDirectory rawDir = FSDirectory.open(dir.resolve("raw"));
                 IndexWriter raw = new IndexWriter(rawDir, new IndexWriterConfig(Analyzers.perField()).setRAMBufferSizeMB(64))) {
                for (int from = 0; from < n; from += CHUNK) {
                    ImportBatch batch = chunk(from, Math.min(n, from + CHUNK));
                    long t0 = System.nanoTime();
                    try (Projection.Staged staged = index.stage(batch)) {
                        staged.commit();
                    }
                    long t1 = System.nanoTime();
                    for (ResourceRecord r : batch.resources()) {
                        raw.addDocument(documents.entity(Entity.of(r), RelationStats.NONE));
                    }
                    for (RelationRecord r : batch.relations()) {
                        raw.addDocument(Documents.relation(r));
                    }
                    raw.commit();
                    rawNanos += System.nanoTime() - t1;
                    ourNanos += t1 - t0;
                }
            }
            double ourRate = n / (ourNanos / 1e9);
            double rawRate = n / (rawNanos / 1e9);
            rows.add(new Row("indexing, entities/s (with their relations)", String.format(Locale.ROOT, "%,.0f", ourRate),
                    String.format(Locale.ROOT, "%,.0f", rawRate), String.format(Locale.ROOT, "%.2f", rawRate / ourRate)));

            List<ResourceRecord> sample = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                sample.add(entity(random.nextInt(n)));
            }
            // entity(i) draws fresh random words, so the sample's names are looked up in the index instead.
            Snapshot snapshot = index.acquire();
            List<String[]> names = new ArrayList<>();
            try {
                for (int i = 0; i < 500; i++) {
                    String id = "e" + random.nextInt(n);
                    TopDocs top = snapshot.search(new TermQuery(new Term(Fields.ID, id)), 1);
                    var d = snapshot.storedFields().document(top.scoreDocs[0].doc);
                    String zh = Arrays.stream(d.getValues(Fields.ALIAS)).filter(Names::hasCjk).findFirst().orElse("华为");
                    String[] description = d.get(Fields.DESCRIPTION).split(" ");
                    names.add(new String[] {d.get(Fields.LABEL), zh, description[3] + " " + description[4]});
                }
            } finally {
                index.release(snapshot);
            }
            sample.clear();

            rows.add(compare("term (a name word)", names, s -> s[0].split(" ")[0],
                    q -> new TermQuery(new Term(Fields.NAME_WORDS, q.toLowerCase(Locale.ROOT))), search, index));
            rows.add(compare("phrase (two description words)", names, s -> s[2],
                    q -> new PhraseQuery(Fields.DESCRIPTION, q.split(" ")), search, index));
            rows.add(compare("fuzzy (a name word, one typo)", names, s -> typo(s[0].split(" ")[0]),
                    q -> new FuzzyQuery(new Term(Fields.NAME_WORDS, q.toLowerCase(Locale.ROOT)), 2), search, index));
            rows.add(compare("prefix (first 4 letters of a name)", names, s -> s[0].substring(0, 4),
                    q -> new PrefixQuery(new Term(Fields.NAME_WORDS, q.toLowerCase(Locale.ROOT))), search, index));
            rows.add(compare("Chinese (an alias)", names, s -> s[1],
                    q -> new TermQuery(new Term(Fields.NAME_CJK, q.length() >= 2 ? q.substring(0, 2) : q)), search, index));
            rows.add(compareSuggest(names, search, index));
        } finally {
            index.destroy();
            org.springframework.util.FileSystemUtils.deleteRecursively(dir);
        }
        String table = table(n, rows);
        System.out.println(table);
        Path out = Path.of("target/bench/search.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
    }

    private static String typo(String word) {
        char[] c = word.toCharArray();
        int i = Math.min(2, c.length - 2);
        char t = c[i];
        c[i] = c[i + 1];
        c[i + 1] = t;
        return new String(c);
    }

    private Row compare(String what, List<String[]> names, Function<String[], String> pick, Function<String, Query> rawQuery,
                        EntitySearch search, SearchIndex index) throws IOException {
        UnifiedHighlighter.Builder highlighting = null;
        long[] ours = new long[RUNS];
        long[] raw = new long[RUNS];
        for (int i = -WARMUP; i < RUNS; i++) {
            String q = pick.apply(names.get(Math.floorMod(i, names.size())));
            long t0 = System.nanoTime();
            search.search(new SearchRequest(q, null, null, 10, 0, false, SearchRequest.Syntax.PLAIN));
            long t1 = System.nanoTime();
            Snapshot s = index.acquire();
            try {
                Query query = rawQuery.apply(q);
                TopDocs top = s.search(query, 10);
                UnifiedHighlighter h = UnifiedHighlighter.builder(s, Analyzers.perField()).build();
                h.highlightFields(new String[] {Fields.NAME_WORDS, Fields.DESCRIPTION}, query,
                        Arrays.stream(top.scoreDocs).mapToInt(d -> d.doc).toArray(), new int[] {1, 1});
                for (var d : top.scoreDocs) {
                    s.storedFields().document(d.doc);
                }
            } finally {
                index.release(s);
            }
            long t2 = System.nanoTime();
            if (i >= 0) {
                ours[i] = t1 - t0;
                raw[i] = t2 - t1;
            }
        }
        return row(what + ", with highlights", ours, raw);
    }

    private Row compareSuggest(List<String[]> names, EntitySearch search, SearchIndex index) throws IOException {
        long[] ours = new long[RUNS];
        long[] raw = new long[RUNS];
        for (int i = -WARMUP; i < RUNS; i++) {
            String[] s = names.get(Math.floorMod(i, names.size()));
            String q = s[0].substring(0, 3 + Math.floorMod(i, 4));
            long t0 = System.nanoTime();
            search.suggest(q, 10, null);
            long t1 = System.nanoTime();
            IndexSearcher searcher = index.acquire();
            try {
                TopDocs top = searcher.search(new TermQuery(new Term(Fields.SUGGEST_WORD, Names.compact(q))), 10);
                for (var d : top.scoreDocs) {
                    searcher.storedFields().document(d.doc);
                }
            } finally {
                index.release((Snapshot) searcher);
            }
            long t2 = System.nanoTime();
            if (i >= 0) {
                ours[i] = t1 - t0;
                raw[i] = t2 - t1;
            }
        }
        return row("suggest (3-6 typed letters)", ours, raw);
    }

    private static Row row(String what, long[] ours, long[] raw) {
        Arrays.sort(ours);
        Arrays.sort(raw);
        double o50 = ours[ours.length / 2] / 1e6;
        double o99 = ours[(int) (ours.length * 0.99)] / 1e6;
        double r50 = raw[raw.length / 2] / 1e6;
        double r99 = raw[(int) (raw.length * 0.99)] / 1e6;
        return new Row(what, String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms", o50, o99),
                String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms", r50, r99),
                String.format(Locale.ROOT, "%.1fx (p50)", o50 / r50));
    }

    private static String table(int n, List<Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Search benchmark: %,d synthetic entities, %d cores, JDK %s, max heap %d MB%n%n", n,
                Runtime.getRuntime().availableProcessors(), Runtime.version(), Runtime.getRuntime().maxMemory() >> 20));
        b.append("| measure | ours | raw Lucene | ours / raw |\n|---|---|---|---|\n");
        for (Row r : rows) {
            b.append("| ").append(r.what()).append(" | ").append(r.ours()).append(" | ").append(r.raw()).append(" | ")
                    .append(r.ratio()).append(" |\n");
        }
        b.append("\nOurs: the service's search (name tiers, typo and prefix clauses, evidence passages, facets over all")
                .append(" matches, highlights of names, descriptions and evidence) and suggest. Raw: one Lucene query of")
                .append(" the same kind on the same index, top 10, highlighted the same way. Indexing raw: the same")
                .append(" documents added without relation counts or near-real-time refresh.\n");
        return b.toString();
    }
}
