package io.cigraph.resolution;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds the resources a store already holds under some name keys ({@link NameKey#of}), in one
 * lookup for all of them: an import of a thousand entities asks once, not a thousand times.
 * Public: the search index answers it and the import asks it.
 */
public interface NameIndex {

    /** The resources known under each key; keys nothing is known under are absent. */
    Map<String, List<Named>> byKeys(Collection<String> keys);

    /**
     * A resource as the store knows it.
     *
     * @param types its stated classes
     * @param names its label first, then its aliases
     */
    record Named(String id, List<String> types, List<String> names) {

        public Named {
            types = List.copyOf(types);
            names = List.copyOf(names);
        }
    }
}
