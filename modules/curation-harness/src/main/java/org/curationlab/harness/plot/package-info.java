/** Paper-style figures (PNG and SVG) drawn with XChart. */
package org.curationlab.harness.plot;
