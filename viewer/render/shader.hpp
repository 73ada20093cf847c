// GLSL programs loaded from shaders/ at run time: $PATROLSCOPE_HOME/shaders, then
// ../share/patrolscope/shaders next to the executable, then the source tree's shaders/.
#pragma once
#include <string>

namespace patrolscope::render {

std::string shader_dir();  // throws std::runtime_error when none of the places has shaders

// The GLSL constants of geo/bit_layout.hpp, what a shader's #include "layout.glsl" inserts.
std::string layout_glsl();

class Program {
 public:
  // Compiles and links shaders/<vertex> and shaders/<fragment>. Throws std::runtime_error
  // naming the file and quoting the GL info log.
  Program(const std::string& vertex, const std::string& fragment);
  ~Program();
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;

  unsigned id() const { return id_; }
  int uniform(const char* name) const;  // location, -1 when the linker removed it
  void use() const;

 private:
  unsigned id_ = 0;
};

}  // namespace patrolscope::render
