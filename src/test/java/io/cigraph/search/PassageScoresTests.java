package io.cigraph.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** Our passage score is Lucene's, bit for bit, so highlights pick the same passages. */
class PassageScoresTests {

    @Test
    void scoresEveryPassageExactlyAsLucenesScorerDoes() {
        SplittableRandom random = new SplittableRandom(7);
        PassageScorer lucene = new PassageScorer();
        PassageScores ours = new PassageScores();
        String[] words = {"huawei", "harmonyos", "nearlink", "watch", "kirin"};
        for (int run = 0; run < 2_000; run++) {
            Passage p = new Passage();
            int start = random.nextInt(5_000);
            p.setStartOffset(start);
            p.setEndOffset(start + 1_000);
            int matches = 1 + random.nextInt(12);
            int at = start;
            for (int m = 0; m < matches; m++) {
                at += 1 + random.nextInt(40);
                String word = words[random.nextInt(words.length)];
                // Lucene keeps each match's frequency in the document; one term has one frequency.
                p.addMatch(at, at + word.length(), new BytesRef(word), 1 + word.length() * 3);
            }
            p.setEndOffset(at + 20);
            int contentLength = p.getEndOffset() + random.nextInt(10_000);
            assertThat(Float.floatToIntBits(ours.score(p, contentLength)))
                    .as("passage %s", p).isEqualTo(Float.floatToIntBits(lucene.score(p, contentLength)));
        }
    }

    @Test
    void aTermMatchedTwiceCountsOnceWithItsFrequencyInThePassage() {
        Passage once = new Passage();
        once.setStartOffset(0);
        once.setEndOffset(40);
        once.addMatch(0, 6, new BytesRef("huawei"), 4);
        once.setEndOffset(40);
        Passage twice = new Passage();
        twice.setStartOffset(0);
        twice.setEndOffset(40);
        twice.addMatch(0, 6, new BytesRef("huawei"), 4);
        twice.addMatch(20, 26, new BytesRef("huawei"), 4);
        twice.setEndOffset(40);
        PassageScores ours = new PassageScores();
        assertThat(ours.score(twice, 100)).isGreaterThan(ours.score(once, 100));
        assertThat(ours.score(twice, 100)).isEqualTo(new PassageScorer().score(twice, 100));
    }
}
