#ifndef CLIBYAML_SHIM_H
#define CLIBYAML_SHIM_H
// The system libyaml (libyaml-dev): the event parser under YAMLNode.parse.
#include <yaml.h>
#endif
