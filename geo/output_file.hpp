// Writing output files so that nothing is lost or left half-written: every file (PNG, world
// file, .prj, .aux.xml, cache entries) goes to a temporary file in the target's directory, is
// flushed to disk, and is renamed over the target only when all files of the set were written.
//
// The target must be a regular file or not exist yet; a symlink is followed and the file it
// names is replaced (the link stays). Devices, FIFOs, sockets and directories are refused.
// Temporary files are named TARGET.tmp-PID-N; ones left by a process that died (kill -9) are
// removed by the next write to the same target (remove_dead_temporaries).
//
// Use:
//   geo::check_output_target(path);                     // early, before slow work: throws
//   geo::write_files_atomically({{path, png_bytes}, {pgw_path, text}});
#pragma once
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace geo {

// The file a write to `path` replaces: `path` itself, or what a symlink (chain) at `path` names.
std::string resolve_output_target(const std::string& path);

// Throws std::runtime_error("PATH: why") when `path` cannot be written as a regular file: empty,
// a directory, a device, a FIFO, a socket, a read-only file, or a directory that is missing or
// not writable. Writes nothing.
void check_output_target(const std::string& path);

struct OutputFile {
  std::string path;
  std::string contents;
};

// Writes every file to a temporary beside its target, fsyncs it, then renames them all. Throws
// std::runtime_error naming the path on any failure, after removing its temporaries; the
// previous files are then all kept (a failure in the renames themselves, which needs the
// directory to change under us, can leave the earlier files of the set replaced).
void write_files_atomically(const std::vector<OutputFile>& files);
void write_file_atomically(const std::string& path, const std::string& contents);

// One temporary file beside `target` (which must already be resolved), for writers that stream
// (the scene cache). finish() flushes and fsyncs it; replace_target() renames it over the
// target. Destroyed before replace_target(), it removes the temporary. Errors throw
// std::runtime_error naming the target.
class TemporaryFile {
 public:
  explicit TemporaryFile(std::string target);
  ~TemporaryFile();
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  std::FILE* stream() { return stream_; }
  const std::string& path() const { return temporary_; }
  void finish();
  void replace_target();

 private:
  std::string target_, temporary_;
  std::FILE* stream_ = nullptr;
  bool renamed_ = false;
};

// Removes, in `directory`, files named PREFIX.tmp-PID-N (PREFIX empty: any) whose process PID
// no longer exists and that this user owns. Returns how many were removed. Never throws.
int remove_dead_temporaries(const std::string& directory, const std::string& prefix = "");

}  // namespace geo
