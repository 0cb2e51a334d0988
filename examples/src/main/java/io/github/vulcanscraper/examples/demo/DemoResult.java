package io.github.vulcanscraper.examples.demo;

/**
 * What a demo run left in Kafka and whether the leaving node's targets were taken over.
 *
 * @param records records landed in the topic
 * @param samples samples in those records
 * @param keys distinct target keys among them
 * @param targets targets the jobs define
 * @param ownedByLeavingNode targets node-2 owned when it left
 * @param takenOver whether node-1 and node-3 together owned every target while node-2 was away
 * @param undecodable records that did not decode (0 when all is well)
 */
public record DemoResult(
    long records,
    long samples,
    int keys,
    int targets,
    int ownedByLeavingNode,
    boolean takenOver,
    long undecodable) {}
