/** The toolkit's own benchmark: every timing is reported beside the same run's sgemm rate. */
package org.curationlab.harness.bench;
