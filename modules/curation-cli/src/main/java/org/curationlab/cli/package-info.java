/** The {@code curate} command line: one class per verb, thin over the library modules. */
package org.curationlab.cli;
