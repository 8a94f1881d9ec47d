/**
 * The two-tower contrastive models of CurationLab (docs/models.md). An image tower is a type
 * ({@link org.curationlab.models.ImageTower}: one file each, {@code MlpTower}, {@code CnnTower} and
 * {@code VitTower}, owning its parameters, graph, kernels, FLOPs and size ladder; the ViT runs at
 * several patch sizes on one set of weights, as FlexiViT), registered by name in
 * {@link org.curationlab.models.ImageTowerKind}; {@link org.curationlab.models.TwoTowerModel}
 * composes one with the text tower and the sigmoid (SigLIP) or softmax (CLIP) loss, an engine
 * ({@link org.curationlab.models.TowerEngine}) and the optimiser. Also: the S–XL ladder, exact
 * FLOP counts for the compute ledger, and checkpoints that resume training bit for bit.
 */
package org.curationlab.models;
