package io.wxlogin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The house rule "methods under 40 lines", checked on a module's sources: a method (or constructor) runs from its
 * signature's first line to its closing brace, lambdas and nested classes inside it included. A plain reader of
 * braces, not a parser: strings, character literals and line comments are blanked before counting.
 */
public final class MethodLength {

  private static final Pattern SIGNATURE = Pattern.compile(
      "^\\s*(?:(?:public|private|protected|static|final|synchronized|abstract|default)\\s+)*"
          + "(?:<[^>]+>\\s+)?([\\w<>\\[\\],.? ]+\\s+)?(\\w+)\\s*\\(");
  private static final List<String> NOT_METHODS = List.of("if", "for", "while", "switch", "catch", "return", "new",
      "else", "try", "synchronized", "throw", "super", "this");

  private MethodLength() {
  }

  /** Every method in the {@code .java} files under {@code root} longer than {@code limit} lines, as file:line name. */
  public static List<String> over(Path root, int limit) {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        found.addAll(over(file, Files.readAllLines(file), limit));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  private static List<String> over(Path file, List<String> lines, int limit) {
    List<String> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String name = methodName(lines.get(i));
      if (name != null) {
        int length = length(lines, i);
        if (length > limit) {
          found.add(file + ":" + (i + 1) + " " + name + " has " + length + " lines");
        }
      }
    }
    return found;
  }

  private static String methodName(String line) {
    Matcher m = SIGNATURE.matcher(line);
    if (!m.find() || line.contains("=") && line.indexOf('=') < line.indexOf('(')) {
      return null;
    }
    String type = m.group(1) == null ? "" : m.group(1).strip();
    if (NOT_METHODS.contains(m.group(2)) || type.startsWith("return") || type.endsWith("record")
        || type.endsWith("class") || type.endsWith("new") || type.isEmpty() && !Character.isUpperCase(m.group(2).charAt(0))) {
      return null;
    }
    return m.group(2);
  }

  /** Lines from {@code start} to the brace closing the body it opens; 0 for a declaration without a body. */
  private static int length(List<String> lines, int start) {
    int depth = 0;
    boolean opened = false;
    for (int j = start; j < lines.size(); j++) {
      String code = blank(lines.get(j));
      if (!opened && code.contains(";") && !code.contains("{")) {
        return 0;
      }
      for (char c : code.toCharArray()) {
        if (c == '{') {
          depth++;
          opened = true;
        } else if (c == '}') {
          depth--;
        }
      }
      if (opened && depth == 0) {
        return j - start + 1;
      }
    }
    return 0;
  }

  private static String blank(String line) {
    String s = line.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"").replaceAll("'(\\\\.|[^'\\\\])'", "''");
    int comment = s.indexOf("//");
    return comment < 0 ? s : s.substring(0, comment);
  }
}
