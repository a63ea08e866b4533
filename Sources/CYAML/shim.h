#ifndef BATTEN_CYAML_SHIM_H
#define BATTEN_CYAML_SHIM_H
#include <yaml.h>
#endif
