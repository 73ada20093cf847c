// A child process whose stderr is read without blocking, a frame at a time: the Record
// dialog's `patrolscope animate` (the clip, and its first frame as a preview). Started with
// posix_spawn (stdout to /dev/null), interrupted with SIGINT (animate then leaves no file).
#pragma once
#include <sys/types.h>

#include <string>
#include <vector>

namespace patrolscope {

class ChildProcess {
 public:
  ChildProcess() = default;
  ~ChildProcess() { interrupt_and_wait(); }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // argv[0] is the executable's path. False (with `error`) when it cannot be started.
  bool start(const std::vector<std::string>& argv, std::string& error);
  // Reads what it wrote so far; true while it runs.
  bool poll();
  void interrupt();           // SIGINT; poll() sees it end
  void interrupt_and_wait();  // … and waits for it (nothing left running)

  bool running() const { return pid_ > 0; }
  int exit_code() const { return exit_code_; }  // once ended: its exit status, or 128 + the signal
  const std::string& output() const { return output_; }
  std::string last_line() const;  // its last message (an error, or a summary)

 private:
  void drain();
  pid_t pid_ = -1;
  int fd_ = -1;
  int exit_code_ = 0;
  std::string output_;
};

}  // namespace patrolscope
