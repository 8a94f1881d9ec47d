package org.curationlab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The ladder's parameter counts and forward FLOPs, every tower, size and resolution, exactly as
 * they were when the towers became types (issue 17; the ViT's since it joined): the compute ledger of every committed
 * result was counted with these numbers, so a refactor must not move one of them.
 */
class ModelLadderGoldenTest {
    private static final String LADDER = """
            | tower | size | params | ×prev | image fwd FLOPs @28 | image fwd FLOPs @14 | text fwd FLOPs |
            |---|---|---:|---:|---:|---:|---:|
            | MLP | S | 64,514 |  | 108,544 | n/a | 19,968 |
            | MLP | M | 149,506 | 2.32 | 249,856 | n/a | 48,128 |
            | MLP | L | 348,034 | 2.33 | 565,248 | n/a | 129,024 |
            | MLP | XL | 892,546 | 2.56 | 1,392,640 | n/a | 389,120 |
            | CNN | S | 17,026 |  | 2,036,224 | 512,128 | 19,968 |
            | CNN | M | 51,714 | 3.04 | 3,846,656 | 848,000 | 48,128 |
            | CNN | L | 145,250 | 2.81 | 13,108,224 | 2,926,848 | 129,024 |
            | CNN | XL | 443,650 | 3.05 | 17,572,864 | 3,557,632 | 389,120 |
            | VIT | S | 39,810 |  | 906,240 | n/a | 19,968 |
            | VIT | M | 132,738 | 3.33 | 3,385,344 | n/a | 48,128 |
            | VIT | L | 413,090 | 3.11 | 11,074,560 | n/a | 129,024 |
            | VIT | XL | 1,203,458 | 2.91 | 32,329,728 | n/a | 389,120 |
            """;

    @Test
    void ladderTableIsUnchanged() {
        assertEquals(LADDER, ModelLadder.table().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void trainFlopsAtAnotherShapeAreUnchanged() {
        // embedDim 16, V 20: what FlopCountTest counts by hand, as the model reports it.
        StringBuilder got = new StringBuilder();
        for (ImageTowerKind kind : ImageTowerKind.values()) {
            for (ModelSize size : ModelSize.values()) {
                ModelConfig c = ModelConfig.defaults(kind, size).withShape(16, 20, 4);
                got.append(kind).append(' ').append(size).append(' ').append(FlopCount.imageForward(c, 28));
                if (kind == ImageTowerKind.CNN) {
                    got.append(' ').append(FlopCount.imageForward(c, 14));
                }
                got.append(' ').append(FlopCount.textForward(c)).append(' ')
                        .append(FlopCount.logitsPerExample(c, 64)).append('\n');
            }
        }
        assertEquals(SMALL, got.toString());
    }

    private static final String SMALL = """
            MLP S 102400 7424 2048
            MLP M 237568 23040 2048
            MLP L 540672 78848 2048
            MLP XL 1343488 288768 2048
            CNN S 2033152 509056 7424 2048
            CNN M 3840512 841856 23040 2048
            CNN L 13099008 2917632 78848 2048
            CNN XL 17560576 3545344 288768 2048
            VIT S 903168 7424 2048
            VIT M 3379200 23040 2048
            VIT L 11065344 78848 2048
            VIT XL 32317440 288768 2048
            """;
}
