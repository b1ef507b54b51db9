package io.cigraph.model;

import java.util.List;

/**
 * One file's worth of records, written to every store as one unit.
 *
 * @param id        stable id derived from the content hash: the same content is the same batch
 * @param file      the file name it came from
 * @param sha256    hex SHA-256 of the file's bytes
 * @param resources entities, sources and observations
 * @param relations links between them
 * @param claims    what each live import said of those records that more than one states (the
 *                  records above are the effective ones); empty for records one import alone states
 */
public record ImportBatch(String id, String file, String sha256, List<ResourceRecord> resources,
                          List<RelationRecord> relations, List<StatedClaim> claims) {

    public ImportBatch {
        resources = List.copyOf(resources);
        relations = List.copyOf(relations);
        claims = List.copyOf(claims);
    }

    /** Records as stated, with no other import's claims about them. */
    public ImportBatch(String id, String file, String sha256, List<ResourceRecord> resources, List<RelationRecord> relations) {
        this(id, file, sha256, resources, relations, List.of());
    }
}
