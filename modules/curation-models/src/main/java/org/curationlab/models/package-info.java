/**
 * The two-tower contrastive models of CurationLab (DESIGN §2): an image tower (MLP or CNN with
 * global pooling, so it also accepts the half-resolution Flexi-JEST input), a text tower, the
 * sigmoid (SigLIP) and softmax (CLIP) losses, the S–XL size ladder, exact FLOP counts for the
 * compute ledger, and checkpoints that resume training bit for bit.
 */
package org.curationlab.models;
