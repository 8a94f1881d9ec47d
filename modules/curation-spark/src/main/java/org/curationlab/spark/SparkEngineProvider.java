package org.curationlab.spark;

import org.curationlab.harness.sweep.CellEngine;
import org.curationlab.harness.sweep.CellEngineProvider;

/** {@code --engine spark}, found by the harness through {@code META-INF/services}. */
public final class SparkEngineProvider implements CellEngineProvider {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public CellEngine open(Settings settings) {
        return SparkCellEngine.open(settings);
    }
}
