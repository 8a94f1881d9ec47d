// How far the web pool's near-duplicates sit from their originals, against the nearest other pair,
// in three spaces: the reference's image embeddings, its image-text pair embeddings, and raw
// pixels. SemDeDup can only remove a duplicate that is closer to its original than distinct items
// are to each other. Run (after building the jar and experiments/reference.sh):
//   java -cp modules/curation-cli/target/curate.jar experiments/DuplicateSeparation.java \
//       results/references/curated-M.zip > results/pruning/duplicate-separation.txt
import org.curationlab.data.*;
import org.curationlab.train.*;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import java.nio.file.Path;
public class DuplicateSeparation {
  public static void main(String[] a) {
    DataWorld w = DataWorld.load(null);
    PoolSpec spec = PoolSpec.web(0);
    PairPool pool = w.webPool(spec);
    ReferenceModel ref = ReferenceModel.load(Path.of(a[0]));
    ref.prescore(new org.curationlab.data.pairs.SyntheticPairs(pool), spec.key(), Path.of(System.getProperty("user.home"), ".cache", "curationlab"));
    int d = ref.model().config().embedDim();
    INDArray img = NativeArrays.floats(ref.imageEmbeddings(), pool.size(), d);
    INDArray txt = NativeArrays.floats(ref.textEmbeddings(), pool.size(), d);
    INDArray pair = Nd4j.hstack(img, txt).divi(Math.sqrt(2));
    INDArray norms = pool.images().norm2(1).reshape(-1,1).addi(1e-6);
    INDArray pix = pool.images().divColumnVector(norms);
    for (String name : new String[]{"image", "pair", "pixels"}) {
      INDArray e = name.equals("image") ? img : name.equals("pair") ? pair : pix;
      int n = pool.size(); int dups = 0; double[] gap = new double[3]; int sep = 0;
      java.util.List<Double> own = new java.util.ArrayList<>(), other = new java.util.ArrayList<>();
      for (int i = 0; i < n && dups < 400; i++) {
        if (pool.flag(i) != PairFlag.DUPLICATE) continue;
        int o = pool.duplicateOf(i);
        double so = e.getRow(i).mul(e.getRow(o)).sumNumber().doubleValue();
        INDArray sims = e.mmul(e.getRow(i).reshape(-1,1)).reshape(-1);
        sims.putScalar(i, -2); sims.putScalar(o, -2);
        double best = sims.maxNumber().doubleValue();
        own.add(so); other.add(best); if (so > best) sep++; dups++;
      }
      java.util.Collections.sort(own); java.util.Collections.sort(other);
      System.out.printf("%s: duplicate-original cos median %.4f (p10 %.4f); nearest other item cos median %.4f (p90 %.4f); original is the nearest for %d/%d%n",
        name, own.get(own.size()/2), own.get(own.size()/10), other.get(other.size()/2), other.get(other.size()*9/10), sep, dups);
    }
  }
}
