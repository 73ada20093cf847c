// Counts what a stretch of code hands to OpenGL's upload calls (glBufferData, glBufferSubData,
// glMapBuffer/glMapBufferRange for writing, glTexImage2D/3D, glTexSubImage2D/3D,
// glCompressedTexImage2D, glCopyBufferSubData) by wrapping glad's function pointers. The
// tests assert "a frame uploads nothing" with it and bench_render reports the bytes per frame:
// it sees what GL receives, whatever code path sends it.
#pragma once
#include <cstddef>

namespace patrolscope::render {

class GlUploadCounter {
 public:
  // Installs the wrappers (glad must be loaded; one counter at a time). Throws
  // std::logic_error when another counter is installed.
  GlUploadCounter();
  ~GlUploadCounter();  // puts glad's pointers back
  GlUploadCounter(const GlUploadCounter&) = delete;
  GlUploadCounter& operator=(const GlUploadCounter&) = delete;

  std::size_t bytes() const;  // bytes of data passed since construction or reset()
  std::size_t calls() const;  // upload calls, including allocations without data
  void reset();
};

}  // namespace patrolscope::render
