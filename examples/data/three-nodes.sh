#!/usr/bin/env bash
# The README's three-node walk-through as one script: local ZooKeeper, Kafka and exporter farm
# (vulcan servers), two jobs, three vulcan node processes, their /targets pages, a record
# consumed from Kafka, then node-2 leaves (SIGTERM) and its targets move. Run after
# ./mvnw -q -DskipTests package. Uses ports 2181, 9100 and 9471-9473 on 127.0.0.1.
set -e
cd "$(dirname "$0")/../.."
VULCAN="java -jar examples/target/vulcan.jar"
$VULCAN servers --farm 12 > ${TMPDIR:-/tmp}/vulcan-servers.txt 2>${TMPDIR:-/tmp}/vulcan-servers.err &
SERVERS=$!
until grep -q '^kafka ' ${TMPDIR:-/tmp}/vulcan-servers.txt; do sleep 1; done
cat ${TMPDIR:-/tmp}/vulcan-servers.txt
ZK=$(awk '/^zookeeper/{print $2}' ${TMPDIR:-/tmp}/vulcan-servers.txt)
KAFKA=$(awk '/^kafka/{print $2}' ${TMPDIR:-/tmp}/vulcan-servers.txt)
$VULCAN job set farm examples/data/jobs/farm.yml --zk $ZK
$VULCAN job set vulcan-nodes examples/data/jobs/nodes.yml --zk $ZK
$VULCAN job list --zk $ZK
for i in 1 2 3; do
  $VULCAN node --zk $ZK --kafka $KAFKA --id node-$i --metrics-port 947$i > ${TMPDIR:-/tmp}/vulcan-node-$i.log 2>&1 &
  echo $! > ${TMPDIR:-/tmp}/vulcan-node-$i.pid
done
sleep 20
for i in 1 2 3; do echo "--- node-$i"; curl -s localhost:947$i/targets; done
curl -s localhost:9471/metrics | grep -E "targets_owned|scrapes_total|vulcan_node_members|kafka_scrapes_total"
$VULCAN consume --kafka $KAFKA --topic vulcan-metrics --from-beginning --max 1 --json | cut -c1-300
kill $(cat ${TMPDIR:-/tmp}/vulcan-node-2.pid); wait $(cat ${TMPDIR:-/tmp}/vulcan-node-2.pid) || true; echo "node-2 exited"
sleep 3
for i in 1 3; do echo "--- node-$i after node-2 left"; curl -s localhost:947$i/targets | wc -l; done
kill $(cat ${TMPDIR:-/tmp}/vulcan-node-1.pid) $(cat ${TMPDIR:-/tmp}/vulcan-node-3.pid); wait $(cat ${TMPDIR:-/tmp}/vulcan-node-1.pid) $(cat ${TMPDIR:-/tmp}/vulcan-node-3.pid) || true
kill $SERVERS; wait $SERVERS || true
tail -3 ${TMPDIR:-/tmp}/vulcan-node-2.log
