#include "runs/io/checkpoint.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>
#include <type_traits>

namespace hebbmc::runs {

namespace {

constexpr char magic[8] = {'H', 'B', 'M', 'C', 'C', 'K', 'P', 'T'};
constexpr std::uint32_t format_version = 3;  // 2: recorder state holds the moments jackknife; 3: and |m| and m^2

std::uint64_t fnv1a(const char* data, std::size_t n, std::uint64_t h = 0xcbf29ce484222325ull) {
  for (std::size_t i = 0; i < n; ++i) {
    h ^= static_cast<unsigned char>(data[i]);
    h *= 0x100000001b3ull;
  }
  return h;
}

// Little helpers for a flat little-endian-as-in-memory byte format (checkpoints are read back
// by the same build on the same machine or cluster; the checksum rejects anything foreign).
class Writer {
 public:
  template <class T>
  void put(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    const char* p = reinterpret_cast<const char*>(&v);
    bytes.insert(bytes.end(), p, p + sizeof(T));
  }
  template <class T>
  void put_vector(const std::vector<T>& v) {
    put(static_cast<std::uint64_t>(v.size()));
    const char* p = reinterpret_cast<const char*>(v.data());
    bytes.insert(bytes.end(), p, p + v.size() * sizeof(T));
  }
  std::vector<char> bytes;
};

class Reader {
 public:
  Reader(const std::vector<char>& b, std::size_t end) : b_(b), end_(end) {}
  template <class T>
  T get() {
    T v;
    need(sizeof(T));
    std::memcpy(&v, b_.data() + at_, sizeof(T));
    at_ += sizeof(T);
    return v;
  }
  template <class T>
  std::vector<T> get_vector() {
    const auto n = get<std::uint64_t>();
    if (n > (end_ - at_) / sizeof(T)) throw std::runtime_error("truncated (vector length " + std::to_string(n) + ")");
    std::vector<T> v(static_cast<std::size_t>(n));
    std::memcpy(v.data(), b_.data() + at_, v.size() * sizeof(T));
    at_ += v.size() * sizeof(T);
    return v;
  }
  bool done() const { return at_ == end_; }

 private:
  void need(std::size_t n) const {
    if (end_ - at_ < n) throw std::runtime_error("truncated");
  }
  const std::vector<char>& b_;
  std::size_t end_, at_ = 0;
};

void write_all(int fd, const std::vector<char>& bytes, const std::filesystem::path& path) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw std::system_error(n < 0 ? errno : EIO, std::generic_category(), "cannot write checkpoint " + path.string());
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace

std::uint64_t parameter_fingerprint(const PointParameters& p) {
  std::string text;
  for (const auto& [name, value] : describe(p)) {
    text += name + "=";
    std::visit([&text](const auto& v) {
      using T = std::decay_t<decltype(v)>;
      if constexpr (std::is_same_v<T, std::string>) text += v;
      else if constexpr (std::is_same_v<T, double>) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%a", v);  // exact
        text += buf;
      } else text += std::to_string(v);
    }, value);
    text += ";";
  }
  return fnv1a(text.data(), text.size());
}

std::vector<char> serialize(const ChainState& s) {
  Writer w;
  w.bytes.insert(w.bytes.end(), std::begin(magic), std::end(magic));
  w.put(format_version);
  w.put(s.fingerprint);
  w.put(s.point);
  w.put(s.sample);
  w.put(s.sweeps_done);
  w.put(s.accepted);
  w.put(static_cast<std::uint8_t>(s.exact_arithmetic));
  w.put(static_cast<std::uint64_t>(s.replicas.size()));
  for (const auto& r : s.replicas) {
    w.put_vector(r.spins);
    w.put(r.rng_position);
    w.put_vector(r.sites);
  }
  w.put_vector(s.recorder);
  w.put(fnv1a(w.bytes.data(), w.bytes.size()));
  return std::move(w.bytes);
}

ChainState deserialize(const std::vector<char>& bytes) {
  constexpr std::size_t trailer = sizeof(std::uint64_t);
  if (bytes.size() < sizeof magic + trailer || std::memcmp(bytes.data(), magic, sizeof magic) != 0)
    throw std::runtime_error("not a hebbmc checkpoint (bad magic)");
  const std::size_t end = bytes.size() - trailer;
  std::uint64_t stored;
  std::memcpy(&stored, bytes.data() + end, trailer);
  if (stored != fnv1a(bytes.data(), end)) throw std::runtime_error("checksum mismatch (damaged or truncated)");
  std::vector<char> body(bytes.begin() + sizeof magic, bytes.begin() + static_cast<std::ptrdiff_t>(end));
  Reader r(body, body.size());
  if (r.get<std::uint32_t>() != format_version) throw std::runtime_error("unknown checkpoint format version");
  ChainState s;
  s.fingerprint = r.get<std::uint64_t>();
  s.point = r.get<std::int64_t>();
  s.sample = r.get<std::int64_t>();
  s.sweeps_done = r.get<std::int64_t>();
  s.accepted = r.get<std::int64_t>();
  s.exact_arithmetic = r.get<std::uint8_t>() != 0;
  const auto R = r.get<std::uint64_t>();
  if (R > body.size()) throw std::runtime_error("bad replica count");
  s.replicas.resize(static_cast<std::size_t>(R));
  for (auto& rep : s.replicas) {
    rep.spins = r.get_vector<std::int8_t>();
    rep.rng_position = r.get<std::uint64_t>();
    rep.sites = r.get_vector<std::int32_t>();
  }
  s.recorder = r.get_vector<double>();
  if (!r.done()) throw std::runtime_error("trailing bytes");
  return s;
}

CheckpointStore::CheckpointStore(const std::string& output) : dir_(output + std::string(directory_suffix)) {}

std::filesystem::path CheckpointStore::file(std::int64_t point, std::int64_t sample) const {
  char buf[64];
  std::snprintf(buf, sizeof buf, "p%06lld_s%06lld.ckpt", static_cast<long long>(point), static_cast<long long>(sample));
  return dir_ / buf;
}

void CheckpointStore::save(const ChainState& s) const {
  std::filesystem::create_directories(dir_);
  const auto target = file(s.point, s.sample);
  auto tmp = target;
  tmp += ".tmp";
  const std::vector<char> bytes = serialize(s);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot create checkpoint " + tmp.string());
  // Any failure before the rename leaves the previous checkpoint in place; the partial temporary
  // is removed, so that a full disk gets back the space it took.
  try {
    try {
      write_all(fd, bytes, tmp);
      if (::fsync(fd) != 0) throw std::system_error(errno, std::generic_category(), "cannot sync checkpoint " + tmp.string());
    } catch (...) {
      ::close(fd);
      throw;
    }
    // close reports the write errors a network file system defers until then.
    if (::close(fd) != 0) throw std::system_error(errno, std::generic_category(), "cannot close checkpoint " + tmp.string());
    if (::rename(tmp.c_str(), target.c_str()) != 0)  // atomic on POSIX: readers see the old or the new file
      throw std::system_error(errno, std::generic_category(), "cannot rename checkpoint " + tmp.string() + " to " + target.string());
  } catch (...) {
    ::unlink(tmp.c_str());
    throw;
  }
  // The directory is not synced: should a crash undo the rename, the previous checkpoint comes
  // back, and continuing from it reproduces the same numbers.
}

std::optional<ChainState> CheckpointStore::load(const PointParameters& p, int sample, std::string* warning) const {
  const auto path = file(p.index, sample);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto reject = [&](const std::string& why) -> std::optional<ChainState> {
    if (warning) *warning = path.string() + ": " + why + "; sample restarts from its first sweep";
    return std::nullopt;
  };
  try {
    ChainState s = deserialize(bytes);
    if (s.fingerprint != parameter_fingerprint(p) || s.point != p.index || s.sample != sample)
      return reject("checkpoint belongs to other parameters");
    const bool fits = static_cast<int>(s.replicas.size()) == p.replicas && s.sweeps_done >= 0 &&
                      s.sweeps_done <= p.thermalization + p.sweeps;
    if (!fits) return reject("checkpoint does not fit the point (replicas or sweeps)");
    for (const auto& r : s.replicas) {
      if (static_cast<std::int64_t>(r.spins.size()) != p.N || static_cast<std::int64_t>(r.sites.size()) != p.N)
        return reject("checkpoint does not fit the point (N)");
      std::vector<bool> seen(r.sites.size(), false);
      for (const auto k : r.sites) {
        if (k < 0 || k >= p.N || seen[static_cast<std::size_t>(k)]) return reject("site order is not a permutation");
        seen[static_cast<std::size_t>(k)] = true;
      }
      for (const auto x : r.spins)
        if (x != 1 && x != -1) return reject("spins are not +-1");
    }
    return s;
  } catch (const std::exception& e) {
    return reject(e.what());
  }
}

bool CheckpointStore::exists() const { return std::filesystem::is_directory(dir_); }

void CheckpointStore::remove_all() const { std::filesystem::remove_all(dir_); }

}  // namespace hebbmc::runs
