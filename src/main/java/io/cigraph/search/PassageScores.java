package io.cigraph.search;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene's passage score (BM25 over the passage's distinct matched terms, times the norm of where
 * the passage starts), the same number computed without Lucene's per-passage term hash. That hash
 * allocates a 32 KB block for every passage that holds a match, and a hub's evidence text has
 * hundreds of them: under load it was a fifth of a search's CPU. A passage holds a handful of
 * matches, so finding a term's first occurrence by looking back is cheaper.
 */
final class PassageScores extends PassageScorer {

    @Override
    public float score(Passage passage, int contentLength) {
        int matches = passage.getNumMatches();
        BytesRef[] terms = passage.getMatchTerms();
        int[] inDoc = passage.getMatchTermFreqsInDoc();
        // Distinct terms in the order of their first match, as Lucene's hash numbers them.
        int[] first = new int[matches];
        int[] inPassage = new int[matches];
        int distinct = 0;
        for (int i = 0; i < matches; i++) {
            int seen = -1;
            for (int d = 0; d < distinct; d++) {
                if (terms[first[d]].bytesEquals(terms[i])) {
                    seen = d;
                    break;
                }
            }
            if (seen < 0) {
                seen = distinct++;
                first[seen] = i;
            }
            inPassage[seen]++;
        }
        // Summed in a double, as Lucene sums them.
        double score = 0;
        for (int d = 0; d < distinct; d++) {
            score += tf(inPassage[d], passage.getLength()) * weight(contentLength, inDoc[first[d]]);
        }
        return (float) (score * norm(passage.getStartOffset()));
    }
}
