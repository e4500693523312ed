package org.countersign.cli.client;

/**
 * What {@code GET /api/v1/log} says about a log. Unauthenticated: the verifier key in it is the
 * server's claim, to be trusted on first use at most, and compared out of band.
 *
 * @param origin the log's origin
 * @param verifierKey the log's verifier key as the server states it
 * @param treaty the treaty the log serves
 * @param size the published tree size
 */
public record LogInfo(String origin, String verifierKey, String treaty, long size) {}
