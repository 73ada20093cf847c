// A headless OpenGL 3.3 core context on Mesa's surfaceless EGL platform: no X display, no
// window; draw into a Framebuffer. Used by `patrolscope render` and the render tests.
#pragma once
#include <string>

namespace patrolscope::render {

class EglContext {
 public:
  // Creates the context, makes it current on this thread and loads GL through glad.
  // Throws std::runtime_error saying which step failed.
  EglContext();
  EglContext(EglContext&&) = default;  // move-only: one owner destroys the context
  EglContext& operator=(EglContext&&) = default;

  std::string renderer() const;  // GL_RENDERER, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)"

 private:
  // The display and context, released together (also when the constructor throws).
  struct Owned {
    void* display = nullptr;
    void* context = nullptr;
    Owned() = default;
    Owned(Owned&&) noexcept;
    Owned& operator=(Owned&&) noexcept;
    ~Owned();
  } owned_;
};

}  // namespace patrolscope::render
