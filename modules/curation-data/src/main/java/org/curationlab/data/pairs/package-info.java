/**
 * Your own image-caption pairs: a CSV/TSV list, a folder of images with same-named {@code .txt}
 * captions, or webdataset {@code .tar} shards, decoded once into a compact per-source cache, with
 * a word tokenizer whose vocabulary is built from the training pool. Every item that cannot be
 * used is counted and named with its reason; none is dropped silently.
 */
package org.curationlab.data.pairs;
