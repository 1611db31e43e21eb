/*
 * A Kafka-protocol broker for tests: librdkafka's mock cluster (librdkafka-dev, rdkafka_mock.h)
 * kept alive as a process. Topics are made here: CreateTopics goes to the controller, and the
 * mock names controller 0, which none of its brokers (ids 1..n) is.
 *
 *   mock-broker [-b brokers] [-p port] name:partitions ...
 *
 * stdout: one line, the bootstrap list ("127.0.0.1:port[,...]"). Runs until stdin closes (the
 * parent went away) or SIGTERM/SIGINT. Exit 1: cluster did not start, 2: bad usage.
 *
 * stdin, one command per line: "errors <api key> <error code> <count>" makes the next <count>
 * requests of that API fail with that error (rd_kafka_mock_push_request_errors_array); answered
 * "ok" (or "bad command") on stdout once done.
 * Built by build.sh (cc ... -rdynamic -lrdkafka -ldl).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Port for the next broker while the cluster is created with -p, else 0. */
static int next_port;

/*
 * The mock binds each broker to 127.0.0.1:0 and has no port option. This bind() takes the
 * place of libc's for librdkafka (exported with -rdynamic): during cluster creation broker i
 * gets port + i; every other bind is passed through untouched.
 */
int bind(int fd, const struct sockaddr *addr, socklen_t len) {
  static int (*real_bind)(int, const struct sockaddr *, socklen_t);
  if (!real_bind) real_bind = (int (*)(int, const struct sockaddr *, socklen_t))dlsym(RTLD_NEXT, "bind");
  if (next_port > 0 && addr->sa_family == AF_INET && ((const struct sockaddr_in *)addr)->sin_port == 0) {
    struct sockaddr_in sin = *(const struct sockaddr_in *)addr;
    sin.sin_port = htons((uint16_t)next_port);
    if (real_bind(fd, (const struct sockaddr *)&sin, sizeof sin) == 0) {
      next_port++;
      return 0;
    }
    /* librdkafka aborts on its way out of a failed cluster start: leave first, saying why. */
    fprintf(stderr, "mock-broker: cannot listen on 127.0.0.1:%d: %s\n", next_port, strerror(errno));
    _exit(1);
  }
  return real_bind(fd, addr, len);
}

/* One stdin command (see the top of this file). */
static void command(rd_kafka_mock_cluster_t *mc, const char *line) {
  int api, code, count;
  if (sscanf(line, "errors %d %d %d", &api, &code, &count) == 3 && count > 0 && count <= 1000) {
    rd_kafka_resp_err_t errs[1000];
    for (int i = 0; i < count; i++) errs[i] = (rd_kafka_resp_err_t)code;
    rd_kafka_mock_push_request_errors_array(mc, (int16_t)api, (size_t)count, errs);
    printf("ok\n");
  } else {
    printf("bad command\n");
  }
  fflush(stdout);
}

static volatile sig_atomic_t stopping;
static void on_stop(int sig) { (void)sig; stopping = 1; }

int main(int argc, char **argv) {
  int brokers = 1, port = 0, opt;
  while ((opt = getopt(argc, argv, "b:p:")) != -1) {
    if (opt == 'b') brokers = atoi(optarg);
    else if (opt == 'p') port = atoi(optarg);
    else return 2;
  }
  if (brokers < 1 || port < 0 || port > 65535) return fprintf(stderr, "mock-broker: bad -b or -p\n"), 2;

  /* Stop signals stay blocked in every thread (librdkafka's inherit this mask) and are only
   * let through inside ppoll below, so they always interrupt the main thread's wait. */
  sigset_t stops, none;
  sigemptyset(&stops);
  sigaddset(&stops, SIGTERM);
  sigaddset(&stops, SIGINT);
  sigemptyset(&none);
  pthread_sigmask(SIG_BLOCK, &stops, NULL);
  struct sigaction sa = {.sa_handler = on_stop};
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);

  /* The mock cluster lives inside a client handle; a producer with no topics is the lightest.
   * log_level 4: warnings and errors only (not the notice that this handle has no bootstraps). */
  char err[256];
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "log_level", "4", err, sizeof err);
  rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (!rk) return fprintf(stderr, "mock-broker: %s\n", err), 1;
  next_port = port;
  rd_kafka_mock_cluster_t *mc = rd_kafka_mock_cluster_new(rk, brokers);
  next_port = 0;
  if (!mc) return fprintf(stderr, "mock-broker: cluster did not start\n"), 1;

  for (int i = optind; i < argc; i++) {  /* "name:partitions", partitions defaulting to 1 */
    char *colon = strrchr(argv[i], ':');
    int partitions = colon ? atoi(colon + 1) : 1;
    if (colon) *colon = '\0';
    if (partitions < 1 || !*argv[i] || rd_kafka_mock_topic_create(mc, argv[i], partitions, 1)) {
      fprintf(stderr, "mock-broker: cannot create topic %s\n", argv[i]);
      return 2;
    }
  }

  printf("%s\n", rd_kafka_mock_cluster_bootstraps(mc));
  fflush(stdout);

  struct pollfd in = {.fd = 0, .events = POLLIN};
  char buf[512];
  size_t have = 0;
  while (!stopping) {
    if (ppoll(&in, 1, NULL, &none) < 0) continue;  /* EINTR: a stop signal arrived */
    ssize_t n = read(0, buf + have, sizeof buf - 1 - have);
    if (n <= 0) break;                              /* EOF: whoever started us is gone */
    have += (size_t)n;
    buf[have] = '\0';
    char *line = buf, *nl;
    while ((nl = strchr(line, '\n'))) {
      *nl = '\0';
      command(mc, line);
      line = nl + 1;
    }
    have = strlen(line);
    memmove(buf, line, have);
    if (have == sizeof buf - 1) have = 0;           /* a line too long to be a command */
  }
  rd_kafka_mock_cluster_destroy(mc);
  rd_kafka_destroy(rk);
  return 0;
}
