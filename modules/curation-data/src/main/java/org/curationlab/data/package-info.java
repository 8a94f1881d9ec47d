/**
 * The data world (docs/data.md): real Fashion-MNIST images, captions synthesised from their class
 * and measured attributes, the noisy web pool with ground-truth provenance per pair, curated
 * reference sets by curation level, and the evaluation set. Everything is deterministic from a seed.
 */
package org.curationlab.data;
