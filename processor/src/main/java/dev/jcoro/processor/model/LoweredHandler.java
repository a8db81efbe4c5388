package dev.jcoro.processor.model;

import java.util.List;

/**
 * One row of the try-region table: an exception that escapes the code of {@code labels} is stored
 * in {@code field} and handled at {@code target}.
 *
 * @param labels the resume points inside the region
 * @param comment which try statement and part it is
 * @param field the field the handling code reads the exception from
 * @param target the label of the handling code
 */
public record LoweredHandler(List<Integer> labels, String comment, String field, int target) {

  /** The handler's code: it stores {@code error} and returns the label to continue at. */
  public String code() {
    return "this." + field + " = error;\nreturn " + target + ";";
  }
}
