// Opening a session from a file: a JSON session, or a PNG written by `render`, whose
// geo::kSessionPngKey text chunk holds the session that made it (paths relative to the PNG).
#pragma once
#include <string>

#include "session.hpp"

namespace patrolscope {

// Never throws; the error names the file ("…: a PNG without a patrolscope session").
geo::SessionReadResult read_session_file(const std::string& path);

}  // namespace patrolscope
