package org.curationlab.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.curationlab.data.CurationException;

/**
 * Which libnd4j build runs the models. curate.jar carries two builds of ND4J's native library, both
 * with oneDNN: one compiled for AVX2 and one for AVX-512 (Skylake-X's set). JavaCPP picks the build
 * by its platform extension ({@code org.bytedeco.javacpp.platform.extension}, e.g.
 * {@code -onednn-avx512}); left unset it loads the first build of its list that is on the class path,
 * the AVX-512 one, even on a CPU that cannot run it. {@link #choose()} therefore sets the extension
 * before ND4J loads: from {@value #ENV} when set, else the widest build the CPU's flags
 * ({@code /proc/cpuinfo}) support among those present. A property already set (the tests pin AVX2)
 * is kept. {@link #loaded()} names the build actually loaded, for provenance.
 */
public final class NativeBuild {
    /** The JavaCPP system property that selects the build. */
    public static final String PROPERTY = "org.bytedeco.javacpp.platform.extension";
    /** Environment override: {@code auto} (default), {@code onednn-avx2} or {@code onednn-avx512}. */
    public static final String ENV = "CURATE_ND4J_BUILD";

    /** The builds this chooser knows, widest first, with the CPU flags each needs. */
    enum Build {
        /** libnd4j's avx512 build targets Skylake-X: F, CD, BW, DQ and VL, not AVX-512F alone. */
        ONEDNN_AVX512("-onednn-avx512", Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl", "avx2", "fma")),
        ONEDNN_AVX2("-onednn-avx2", Set.of("avx2", "fma"));

        final String extension;
        final Set<String> flags;

        Build(String extension, Set<String> flags) {
            this.extension = extension;
            this.flags = flags;
        }

        /** The library directory of this build on the class path. */
        String resource() {
            return "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64" + extension + "/libjnind4jcpu.so";
        }
    }

    private NativeBuild() {
    }

    /**
     * The extension for a CPU with these flags, among the builds present: the widest the CPU
     * supports, or null when none is (JavaCPP's own choice then stands).
     */
    static String extensionFor(Set<String> cpuFlags, Set<Build> present) {
        for (Build b : Build.values()) {
            if (present.contains(b) && cpuFlags.containsAll(b.flags)) {
                return b.extension;
            }
        }
        return null;
    }

    /** The CPU flags of the first processor in a {@code /proc/cpuinfo} text. */
    static Set<String> flags(String cpuinfo) {
        Matcher m = Pattern.compile("(?m)^flags\\s*:(.*)$").matcher(cpuinfo);
        return m.find() ? new TreeSet<>(Arrays.asList(m.group(1).trim().split("\\s+"))) : Set.of();
    }

    /**
     * The extension an override names: {@code auto} or blank means choose; a build's name with or
     * without its leading dash selects it.
     *
     * @return null for auto
     */
    static String override(String value) {
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("auto")) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        String ext = v.startsWith("-") ? v : "-" + v;
        for (Build b : Build.values()) {
            if (b.extension.equals(ext)) {
                return ext;
            }
        }
        throw new CurationException(ENV + " = '" + value + "'; expected auto, "
                + String.join(", ", Arrays.stream(Build.values()).map(b -> b.extension.substring(1)).toList()));
    }

    /**
     * Sets {@link #PROPERTY} unless it is set already; call before anything touches ND4J. Returns the
     * extension in force (null: JavaCPP's default).
     */
    public static synchronized String choose() {
        String set = System.getProperty(PROPERTY);
        if (set != null) {
            return set;
        }
        String ext = override(System.getenv(ENV));
        if (ext == null) {
            Set<Build> present = new TreeSet<>();
            ClassLoader cl = NativeBuild.class.getClassLoader();
            for (Build b : Build.values()) {
                if (cl.getResource(b.resource()) != null) {
                    present.add(b);
                }
            }
            ext = extensionFor(cpuFlags(), present);
        }
        if (ext != null) {
            System.setProperty(PROPERTY, ext);
        }
        return ext;
    }

    /**
     * Makes a child JVM of this one (a sweep's cell) load the same build: puts this JVM's choice into
     * the child's {@value #ENV}, unless the caller set that already.
     */
    public static void inherit(java.util.Map<String, String> childEnvironment) {
        String ext = System.getProperty(PROPERTY);
        if (ext == null || childEnvironment.containsKey(ENV)) {
            return;
        }
        for (Build b : Build.values()) {
            if (b.extension.equals(ext)) {
                childEnvironment.put(ENV, ext.substring(1));
            }
        }
    }

    private static Set<String> cpuFlags() {
        try {
            return flags(Files.readString(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    /**
     * The platform directory of the libnd4j build loaded in this JVM (e.g.
     * {@code linux-x86_64-onednn-avx512}), from JavaCPP's record of loaded libraries; when ND4J has
     * not loaded one, the extension chosen, marked as such.
     */
    public static String loaded() {
        Pattern dir = Pattern.compile("(?:^|[/\\\\])(" + Pattern.quote(platform()) + "[-a-z0-9]*)[/\\\\][^/\\\\]*nd4jcpu");
        try {
            List<String> paths = List.copyOf(org.bytedeco.javacpp.Loader.getLoadedLibraries().values());
            for (String p : paths) {
                Matcher m = dir.matcher(p == null ? "" : p);
                if (m.find()) {
                    return m.group(1);
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // JavaCPP absent or in an unexpected state: say what was chosen instead.
        }
        String ext = System.getProperty(PROPERTY);
        return ext == null ? "unknown" : platform() + ext + " (chosen, not loaded)";
    }

    private static String platform() {
        try {
            return org.bytedeco.javacpp.Loader.getPlatform();
        } catch (RuntimeException | LinkageError e) {
            return "linux-x86_64";
        }
    }
}
