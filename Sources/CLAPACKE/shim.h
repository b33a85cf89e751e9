// LAPACKE (Debian: liblapacke-dev). It reaches OpenBLAS's LAPACK through Debian's
// alternatives. `lapack_int` is a macro invisible to Swift: use Int32.
#include <lapacke.h>
