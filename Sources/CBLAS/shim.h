// CBLAS from OpenBLAS (Debian: libopenblas-dev). pkg-config `openblas` adds the
// include directory that holds this cblas.h; it also declares the openblas_*
// thread-control functions used by the BLAS backend.
#include <cblas.h>
