package org.curationlab.models;

import java.util.HashMap;
import java.util.Map;
import org.curationlab.data.CurationException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The kernels engine ({@link TowerEngine#KERNELS}): the image tower's own kernels
 * ({@link ImageTower.Kernels}) for the features, {@link ContrastiveHead} for the text tower,
 * logits and loss, the gradients chained by hand between them. Same function as
 * {@link TwoTowerGraph}, without SameDiff's session (models README, "Speed").
 */
final class KernelsEngine implements ModelEngine {
    private final ImageTower.Kernels tower;
    private final ContrastiveHead head;

    KernelsEngine(ModelConfig config, Map<String, INDArray> params) {
        this.tower = config.imageTower().tower().kernels(config, params);
        if (tower == null) {
            throw new CurationException("engine KERNELS needs an image tower with kernels; config has imageTower="
                    + config.imageTower() + " (use engine SAMEDIFF)");
        }
        this.head = new ContrastiveHead(config, params);
    }

    @Override
    public boolean stepInWorkspace() {
        return tower.stepInWorkspace();
    }

    @Override
    public INDArray imageEmbeddings(INDArray images, ImageResolution resolution) {
        return head.imageEmbeddings(tower.forward(images));
    }

    @Override
    public INDArray textEmbeddings(INDArray bag) {
        return head.textEmbeddings(bag);
    }

    @Override
    public PairScores scores(INDArray images, ImageResolution resolution, INDArray bag) {
        return head.scores(tower.forward(images), bag);
    }

    @Override
    public INDArray logits(INDArray images, ImageResolution resolution, INDArray bag) {
        return head.logits(tower.forward(images), bag);
    }

    @Override
    public TwoTowerModel.LossAndGradients lossAndGradients(INDArray images, ImageResolution resolution,
            INDArray bag) {
        ContrastiveHead.Gradients h = head.lossAndGradients(tower.forward(images), bag);
        Map<String, INDArray> gradients = new HashMap<>(h.parameters());
        gradients.putAll(tower.backward(images, h.features()));
        return new TwoTowerModel.LossAndGradients(h.loss(), gradients);
    }

    /**
     * Each resolution runs in its own tower pass; the head sees the features stacked, 28-rows
     * first, as the whole graph's concat does, and the tower's gradients add up.
     */
    @Override
    public TwoTowerModel.LossAndGradients lossAndGradients(INDArray images28, INDArray images14, INDArray bag) {
        INDArray features = Nd4j.concat(0, tower.forward(images28), tower.forward(images14));
        ContrastiveHead.Gradients h = head.lossAndGradients(features, bag);
        INDArray featureGrad = h.features();
        long n28 = images28.rows();
        long n = features.rows();
        Map<String, INDArray> gradients = new HashMap<>(h.parameters());
        tower.backward(images28, featureGrad.get(NDArrayIndex.interval(0, n28), NDArrayIndex.all()))
                .forEach((name, g) -> gradients.put(name, g.dup())); // the next pass reuses g
        tower.backward(images14, featureGrad.get(NDArrayIndex.interval(n28, n), NDArrayIndex.all()))
                .forEach((name, g) -> gradients.get(name).addi(g));
        return new TwoTowerModel.LossAndGradients(h.loss(), gradients);
    }

    @Override
    public INDArray imageEmbeddings(INDArray images, int patch) {
        return head.imageEmbeddings(tower.forward(images, patch));
    }

    @Override
    public PairScores scores(INDArray images, int patch, INDArray bag) {
        return head.scores(tower.forward(images, patch), bag);
    }

    @Override
    public INDArray logits(INDArray images, int patch, INDArray bag) {
        return head.logits(tower.forward(images, patch), bag);
    }

    /** Each part runs its own tower pass at its patch; the tower's gradients add up, as for mixed resolutions. */
    @Override
    public TwoTowerModel.LossAndGradients lossAndGradients(INDArray[] images, int[] patches, INDArray bag) {
        INDArray[] features = new INDArray[images.length];
        for (int i = 0; i < images.length; i++) {
            features[i] = tower.forward(images[i], patches[i]);
        }
        ContrastiveHead.Gradients h = head.lossAndGradients(
                images.length == 1 ? features[0] : Nd4j.concat(0, features), bag);
        Map<String, INDArray> gradients = new HashMap<>(h.parameters());
        long from = 0;
        for (int i = 0; i < images.length; i++) {
            long to = from + images[i].rows();
            INDArray part = images.length == 1 ? h.features()
                    : h.features().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            boolean first = i == 0;
            tower.backward(images[i], patches[i], part).forEach((name, g) -> {
                if (first) {
                    gradients.put(name, images.length == 1 ? g : g.dup()); // the next pass may reuse g
                } else {
                    gradients.get(name).addi(g);
                }
            });
            from = to;
        }
        return new TwoTowerModel.LossAndGradients(h.loss(), gradients);
    }
}
