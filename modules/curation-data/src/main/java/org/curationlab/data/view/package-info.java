/** Pictures of the data for a person to look at. */
package org.curationlab.data.view;
