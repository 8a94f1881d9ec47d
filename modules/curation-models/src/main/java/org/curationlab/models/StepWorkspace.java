package org.curationlab.models;

import java.util.function.Supplier;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J workspace a training step's temporaries live in (and those of JEST's learner scoring,
 * once a step), for engines whose step keeps nothing made inside it (the CNN's and the ViT's kernels:
 * {@link ImageTower.Kernels#stepInWorkspace}).
 *
 * <p>Why: ND4J frees an array's native memory only when the garbage collector collects its Java
 * object, and the collector does not see native memory. A ViT-M step at batch 256 makes 93 MB of
 * temporaries (its backward pass, LayerNorm, GELU), and a run collects every 7 to 30+ steps, so
 * each step wrote to fresh pages: the kernel's page faults and zeroing were most of the step (61%
 * of its native samples in the bare step, 79% in the training loop, whose bigger Java heap
 * collects even less often: docs/models.md, "The step workspace"). In a workspace the temporaries of
 * every step reuse one block, learned on the first step: same ops, same values, no fresh pages.
 *
 * <p>What a step keeps beyond itself (a pass's activations and gradients, cached matrices) must
 * be made {@link #outside} any workspace, or the next step would overwrite it.
 */
final class StepWorkspace {
    /** One workspace per thread for every model's steps: steps never nest, so they can share it. */
    static final String ID = "curate-train-step";

    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.STRICT)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            // A bigger step (another patch or batch) spills to plain allocations once; the block then grows.
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private StepWorkspace() {
    }

    /** Opens the step workspace on this thread; closing it frees every array made inside for the next step. */
    static MemoryWorkspace open() {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, ID);
    }

    /** {@code make}'s arrays outside any workspace: for arrays kept beyond the step that makes them. */
    static <T> T outside(Supplier<T> make) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return make.get();
        }
    }
}
