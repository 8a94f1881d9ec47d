package org.curationlab.data.pairs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where an item's image bytes are: a file on disk, or bytes already read from a tar shard. */
public sealed interface ImageRef {
    long size() throws IOException;

    InputStream open() throws IOException;

    /** A file, read when it is decoded. */
    record OnDisk(Path file) implements ImageRef {
        @Override
        public long size() throws IOException {
            return Files.size(file);
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(file);
        }
    }

    /** Bytes read from an archive. */
    record InMemory(byte[] bytes) implements ImageRef {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }
    }
}
