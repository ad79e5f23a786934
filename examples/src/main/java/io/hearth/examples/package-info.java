/**
 * Examples to upload to Hearth as an artifact: jobs to register as functions ({@code POST
 * /v1/functions}), and whole Spark applications ({@code WordCountApp}, {@code FailingApp}) to run as
 * batches ({@code POST /v1/batches}).
 */
package io.hearth.examples;
