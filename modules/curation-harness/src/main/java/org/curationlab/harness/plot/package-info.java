/**
 * Paper-style figures (PNG and SVG) drawn with XChart ({@link org.curationlab.harness.plot.CurvePlot}) and a
 * sweep's figure set: which figures its axes call for ({@link org.curationlab.harness.plot.FigureSet}), its
 * groups' legend labels ({@code SweepGroups}), mean ± sd lines ({@link org.curationlab.harness.plot.MeanSeries}),
 * the reference accuracy of a curation level ({@link org.curationlab.harness.summary.ReferenceAccuracy}), and the offline report.html
 * ({@code ReportPage}, its style sheet the resource {@code report.css}).
 */
package org.curationlab.harness.plot;
