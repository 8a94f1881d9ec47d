/**
 * Offline pruning of an image-text pool over its embeddings (docs/pruning.md): spherical k-means into
 * concept clusters, then SemDeDup, SSP or density-based pruning (DBP, Abbas et al. 2024), plus the
 * reference-score and random baselines. Works on plain float32 N×d matrices so that it needs no
 * model classes: embeddings may come from our reference model or from any {@code .npy} file.
 */
package org.curationlab.pruning;
