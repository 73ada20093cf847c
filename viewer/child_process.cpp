#include "child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace patrolscope {

bool ChildProcess::start(const std::vector<std::string>& argv, std::string& error) {
  interrupt_and_wait();
  if (argv.empty()) return error = "nothing to run", false;
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) return error = "cannot create a pipe", false;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 2);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const int spawned = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (spawned != 0) {
    close(pipe_fds[0]);
    pid_ = -1;
    return error = "cannot start " + argv[0], false;
  }
  fd_ = pipe_fds[0];
  fcntl(fd_, F_SETFL, fcntl(fd_, F_GETFL) | O_NONBLOCK);
  exit_code_ = 0;
  output_.clear();
  return true;
}

void ChildProcess::drain() {
  char buffer[4096];
  for (ssize_t got; fd_ >= 0 && (got = read(fd_, buffer, sizeof buffer)) > 0;)
    output_.append(buffer, static_cast<std::size_t>(got));
}

bool ChildProcess::poll() {
  if (pid_ <= 0) return false;
  drain();
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) != pid_) return true;
  exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  pid_ = -1;
  drain();  // what it wrote just before it ended
  if (fd_ >= 0) close(fd_), fd_ = -1;
  return false;
}

void ChildProcess::interrupt() {
  if (pid_ > 0) kill(pid_, SIGINT);
}

void ChildProcess::interrupt_and_wait() {
  if (pid_ > 0) {
    kill(pid_, SIGINT);
    int status = 0;
    waitpid(pid_, &status, 0);
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    pid_ = -1;
  }
  if (fd_ >= 0) close(fd_), fd_ = -1;
}

std::string ChildProcess::last_line() const {
  std::string text = output_;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  const auto cut = text.find_last_of("\r\n");
  return cut == std::string::npos ? text : text.substr(cut + 1);
}

}  // namespace patrolscope
