package io.cigraph.bench;

import io.cigraph.importing.ImportReport;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Our load's figures: end-to-end seconds (parse, map, validate, write), the CPU seconds the whole
 * process used meanwhile, the import's mode and the seconds each store spent writing.
 */
record OurLoad(double seconds, double cpuSeconds, String mode, Map<String, Double> storeSeconds) {

    /**
     * A transactional import reports each file's own store times, so they add up; a bulk import
     * loads its files together and every report carries the whole load's times, so the largest
     * (all equal) is the store's time.
     */
    static OurLoad of(double seconds, double cpuSeconds, List<ImportReport> reports) {
        boolean bulk = reports.stream().anyMatch(r -> "bulk".equals(r.mode()));
        Map<String, Double> stores = new TreeMap<>();
        for (ImportReport r : reports) {
            r.storeMillis().forEach((store, ms) -> stores.merge(store, ms / 1e3, bulk ? Math::max : Double::sum));
        }
        String modes = String.join("+", reports.stream().map(ImportReport::mode).distinct().toList());
        return new OurLoad(seconds, cpuSeconds, modes, stores);
    }

    double store(String name) {
        return storeSeconds.getOrDefault(name, Double.NaN);
    }
}
