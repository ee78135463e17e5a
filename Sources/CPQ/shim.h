#ifndef MODEX_CPQ_SHIM_H
#define MODEX_CPQ_SHIM_H
#include <libpq-fe.h>
#endif
