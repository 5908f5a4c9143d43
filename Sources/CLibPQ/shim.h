#ifndef ATELIER_CLIBPQ_SHIM_H
#define ATELIER_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
