/** Reading and writing the file formats the toolkit meets: IDX (Fashion-MNIST) and NumPy .npy. */
package org.curationlab.data.io;
