// The settings of a run as JSON, for handing a run to another process (a front end's worker): every
// field of Config but the in-process hooks (cancel, progress), which stay with the caller.
// Invariant: config_from_json(config_to_json(c)) equals c in every serialised field.
#pragma once

#include "config.hpp"

namespace mpilab {

Value config_to_json(const Config& config);
// Throws ConfigError naming the field that is missing or malformed.
Config config_from_json(const Value& json);

}  // namespace mpilab
