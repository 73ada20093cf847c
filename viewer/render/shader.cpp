#include "shader.hpp"

#include "assets.hpp"

#include <glad/gl.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "bit_layout.hpp"

namespace patrolscope::render {
namespace fs = std::filesystem;
namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot read shader");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

unsigned compile(unsigned type, const std::string& name) {
  const fs::path path = fs::path(shader_dir()) / name;
  std::string source = read_file(path);
  // #include "file" (GLSL has none): the shared camera, filter and time code; "layout.glsl" is
  // generated (layout_glsl).
  for (std::size_t at; (at = source.find("#include \"")) != std::string::npos;) {
    const std::size_t open = at + 10, close = source.find('"', open);
    const std::size_t line_end = source.find('\n', at);
    const std::string name = source.substr(open, close - open);
    const std::string included = name == "layout.glsl" ? layout_glsl() : read_file(fs::path(shader_dir()) / name);
    source.replace(at, line_end - at, "#line 1\n" + included + "\n#line 1");
  }
  const unsigned shader = glCreateShader(type);
  const char* text = source.c_str();
  glShaderSource(shader, 1, &text, nullptr);
  glCompileShader(shader);
  GLint ok = 0;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    GLint length = 0;
    glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &length);
    std::vector<char> log(static_cast<std::size_t>(length) + 1, '\0');
    glGetShaderInfoLog(shader, length, nullptr, log.data());
    glDeleteShader(shader);
    throw std::runtime_error(path.string() + ": shader does not compile: " + log.data());
  }
  return shader;
}

}  // namespace

std::string layout_glsl() {
  using namespace geo::layout;
  std::ostringstream out;
  out << "// Generated from geo/bit_layout.hpp (render::layout_glsl): the bits the shaders read.\n";
  auto field = [&](const char* name, Field f) {
    out << "const uint k" << name << "Shift = " << f.shift << "u;\nconst uint k" << name << "Mask = " << f.mask()
        << "u;\n";
  };
  field("Domain", kDomainField);
  field("Kind", kKindField);
  field("Participant", kParticipantField);
  field("Year", kYearField);
  field("Force", kForceField);
  out << "const uint kFacetDomain = " << kDomain << "u;\nconst uint kFacetKind = " << kKind
      << "u;\nconst uint kFacetParticipant = " << kParticipant << "u;\nconst uint kFacetYear = " << kYear
      << "u;\nconst uint kFacetForce = " << kForce << "u;\n";
  out << "const uint kTrackPieceStart = " << kTrackPieceStart << "u;\nconst uint kLinePieceStart = " << kLinePieceStart
      << "u;\n";
  out << "const uint kSlotBits = " << kSlotBits << "u;\nconst uint kSlotMask = " << ((1u << kSlotBits) - 1)
      << "u;\n#define PALETTE_SLOTS " << kPaletteSlots << "\n";
  out << "#define STYLED_LAYERS " << kStyledLayers << "\nconst uint kStyleLayerBits = " << kStyleLayerBits
      << "u;\n#define CATEGORICAL_SLOTS " << kCategoricalSlots << "\n";
  return out.str();
}

std::string shader_dir() {
  // The one run-time lookup (geo/assets.hpp): $PATROLSCOPE_HOME, ../share/patrolscope, the build tree's source.
  const fs::path dir = fs::path(geo::home_dir()) / "shaders";
  std::error_code error;
  if (fs::exists(dir / "track.vert", error)) return dir.lexically_normal().string();
  throw std::runtime_error(dir.string() + ": no shaders here (set PATROLSCOPE_HOME to the directory holding shaders/)");
}

Program::Program(const std::string& vertex, const std::string& fragment) {
  const unsigned vs = compile(GL_VERTEX_SHADER, vertex);
  unsigned fs_id = 0;
  try {
    fs_id = compile(GL_FRAGMENT_SHADER, fragment);
  } catch (...) {
    glDeleteShader(vs);
    throw;
  }
  id_ = glCreateProgram();
  glAttachShader(id_, vs);
  glAttachShader(id_, fs_id);
  glLinkProgram(id_);
  glDeleteShader(vs);
  glDeleteShader(fs_id);
  GLint ok = 0;
  glGetProgramiv(id_, GL_LINK_STATUS, &ok);
  if (!ok) {
    GLint length = 0;
    glGetProgramiv(id_, GL_INFO_LOG_LENGTH, &length);
    std::vector<char> log(static_cast<std::size_t>(length) + 1, '\0');
    glGetProgramInfoLog(id_, length, nullptr, log.data());
    glDeleteProgram(id_);
    throw std::runtime_error(vertex + " + " + fragment + ": shaders do not link: " + log.data());
  }
}

Program::~Program() {
  if (id_) glDeleteProgram(id_);
}

int Program::uniform(const char* name) const { return glGetUniformLocation(id_, name); }
void Program::use() const { glUseProgram(id_); }

}  // namespace patrolscope::render
