#include "accrue/cli/config.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>

#include "testing/status_matchers.h"

namespace accrue::cli {
namespace {

std::function<const char*(const char*)> FakeEnv(std::map<std::string, std::string> vars) {
  auto shared = std::make_shared<std::map<std::string, std::string>>(std::move(vars));
  return [shared](const char* name) -> const char* {
    auto it = shared->find(name);
    return it == shared->end() ? nullptr : it->second.c_str();
  };
}

TEST(ConfigTest, DefaultsWithoutAnything) {
  ASSERT_OK_AND_ASSIGN(Config c, LoadConfig({}, FakeEnv({})));
  EXPECT_EQ(c.data_dir, "./accrue-data");
  EXPECT_EQ(c.port, 8080);
  EXPECT_TRUE(c.synchronous_full);
}

TEST(ConfigTest, FlagsOverrideEnvironmentOverrideFile) {
  std::string path = ::testing::TempDir() + "/accrue_config_test.toml";
  {
    std::ofstream f(path);
    f << "port = 9000\nhost = \"0.0.0.0\"\nthreads = 3\nsynchronous = \"normal\"\n";
  }
  ConfigFlags flags;
  flags.config_file = path;
  flags.port = 9002;
  ASSERT_OK_AND_ASSIGN(Config c, LoadConfig(flags, FakeEnv({{"ACCRUE_PORT", "9001"},
                                                             {"ACCRUE_THREADS", "4"}})));
  EXPECT_EQ(c.port, 9002);
  EXPECT_EQ(c.threads, 4);
  EXPECT_EQ(c.host, "0.0.0.0");
  EXPECT_FALSE(c.synchronous_full);
  std::remove(path.c_str());
}

TEST(ConfigTest, InvalidValuesNameTheSettingAndSource) {
  Result<Config> c = LoadConfig({}, FakeEnv({{"ACCRUE_PORT", "eighty"}}));
  EXPECT_THAT(c, testing::HasParam("port"));
  EXPECT_NE(c.status().message().find("environment"), absl::string_view::npos);
  ConfigFlags flags;
  flags.threads = 0;
  EXPECT_THAT(LoadConfig(flags, FakeEnv({})), testing::HasParam("threads"));
  flags = {};
  flags.synchronous = "sometimes";
  EXPECT_THAT(LoadConfig(flags, FakeEnv({})), testing::HasParam("synchronous"));
}

TEST(ConfigTest, BadTomlAndUnknownKeysAreErrors) {
  std::string path = ::testing::TempDir() + "/accrue_config_bad.toml";
  {
    std::ofstream f(path);
    f << "port = [1,2\n";
  }
  ConfigFlags flags;
  flags.config_file = path;
  EXPECT_THAT(LoadConfig(flags, FakeEnv({})), testing::HasReason("config.unreadable"));
  {
    std::ofstream f(path);
    f << "colour = \"blue\"\n";
  }
  EXPECT_THAT(LoadConfig(flags, FakeEnv({})), testing::HasParam("colour"));
  flags.config_file = "/nonexistent/accrue.toml";
  EXPECT_THAT(LoadConfig(flags, FakeEnv({})), testing::HasReason("config.unreadable"));
  std::remove(path.c_str());
}

}  // namespace
}  // namespace accrue::cli
