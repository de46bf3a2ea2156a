import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.github.apexdevtools.apexls.CheckForIssues;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sourceforge.pmd.PMDConfiguration;
import net.sourceforge.pmd.PmdAnalysis;
import net.sourceforge.pmd.lang.rule.Rule;
import net.sourceforge.pmd.lang.rule.RulePriority;
import net.sourceforge.pmd.lang.rule.RuleSet;
import net.sourceforge.pmd.reporting.Report;
import net.sourceforge.pmd.reporting.RuleViolation;
import net.sourceforge.pmd.util.log.PmdReporter;
import org.slf4j.event.Level;
import scala.collection.immutable.Nil$;
import scala.collection.immutable.Seq;

/**
 * Runs apex-ls's CheckForIssues and a PMD ruleset in one JVM, because JVM
 * start-up dominates both, and prints one JSON object on stdout for
 * scripts/check-apex.mjs to turn into file:line messages.
 *
 * <p>Usage: {@code java -cp 'java-lib/*' ApexAnalysis.java WORKSPACE RULESET
 * DIR...} where WORKSPACE contains sfdx-project.json and each DIR is a
 * folder for PMD to analyse.
 */
public final class ApexAnalysis {
  private ApexAnalysis() {}

  public static void main(String[] args) {
    if (args.length < 3) {
      System.err.println(
          "usage: ApexAnalysis WORKSPACE RULESET DIR... (got "
              + args.length
              + " arguments)");
      System.exit(2);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("apexLs", runApexLs(args[0]));
    result.put("pmd", runPmd(args[1], List.of(args).subList(2, args.length)));
    System.out.println(new Gson().toJson(result));
  }

  /**
   * Runs CheckForIssues as `-n -w WORKSPACE -f json` would and returns its
   * exit status and parsed JSON report. The report goes to standard output,
   * so System.out is swapped for a buffer before any apex-ls or Scala class
   * loads: Scala's Console keeps the System.out it finds when it loads.
   */
  private static Map<String, Object> runApexLs(String workspace) {
    PrintStream stdout = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int status;
    try (PrintStream capture =
        new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      status = runCheckForIssues(workspace);
    } finally {
      System.setOut(stdout);
    }
    String output = buffer.toString(StandardCharsets.UTF_8).trim();
    Map<String, Object> apexLs = new LinkedHashMap<>();
    apexLs.put("status", status);
    apexLs.put("report", parseJsonOrNull(output));
    apexLs.put("output", output);
    return apexLs;
  }

  // Arguments of run(), in order: format, logging level, detail level,
  // no-cache flag, analysis provider params, workspace, cache directory.
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int runCheckForIssues(String workspace) {
    Seq noParams = (Seq) Nil$.MODULE$;
    return CheckForIssues.run(
        "json",
        "none",
        "errors",
        true,
        noParams,
        workspace,
        CheckForIssues.mainWithArgs$default$7());
  }

  private static JsonElement parseJsonOrNull(String text) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return JsonParser.parseString(text);
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  private static Map<String, Object> runPmd(String ruleset, List<String> dirs) {
    PMDConfiguration configuration = new PMDConfiguration();
    CollectingReporter reporter = new CollectingReporter();
    configuration.setReporter(reporter);
    configuration.addRuleSet(ruleset);
    configuration.setMinimumPriority(RulePriority.LOW);
    configuration.setIgnoreIncrementalAnalysis(true);
    configuration.setSourceEncoding(StandardCharsets.UTF_8);
    for (String dir : dirs) {
      configuration.addInputPath(Path.of(dir));
    }

    Map<String, Object> pmd = new LinkedHashMap<>();
    List<String> rules = new ArrayList<>();
    Report report;
    try (PmdAnalysis analysis = PmdAnalysis.create(configuration)) {
      for (RuleSet ruleSet : analysis.getRulesets()) {
        for (Rule rule : ruleSet.getRules()) {
          rules.add(rule.getName());
        }
      }
      report = analysis.performAnalysisAndCollectReport();
    }
    pmd.put("rules", rules);
    pmd.put("violations", describeViolations(report.getViolations()));
    pmd.put(
        "suppressed", describeSuppressed(report.getSuppressedViolations()));
    pmd.put("processingErrors", describeProcessingErrors(report));
    pmd.put("configurationErrors", describeConfigurationErrors(report));
    pmd.put("reporterErrors", reporter.errors);
    return pmd;
  }

  private static List<Map<String, Object>> describeViolations(
      List<RuleViolation> violations) {
    List<Map<String, Object>> described = new ArrayList<>();
    for (RuleViolation violation : violations) {
      described.add(describeViolation(violation));
    }
    return described;
  }

  private static Map<String, Object> describeViolation(
      RuleViolation violation) {
    Map<String, Object> described = new LinkedHashMap<>();
    described.put("file", violation.getFileId().getAbsolutePath());
    described.put("line", violation.getBeginLine());
    described.put("rule", violation.getRule().getName());
    described.put("message", violation.getDescription());
    return described;
  }

  private static List<Map<String, Object>> describeSuppressed(
      List<Report.SuppressedViolation> suppressed) {
    List<Map<String, Object>> described = new ArrayList<>();
    for (Report.SuppressedViolation entry : suppressed) {
      Map<String, Object> violation =
          describeViolation(entry.getRuleViolation());
      violation.put("suppressor", entry.getSuppressor().getId());
      violation.put("userMessage", entry.getUserMessage());
      described.add(violation);
    }
    return described;
  }

  private static List<Map<String, Object>> describeProcessingErrors(
      Report report) {
    List<Map<String, Object>> described = new ArrayList<>();
    for (Report.ProcessingError error : report.getProcessingErrors()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("file", error.getFileId().getAbsolutePath());
      entry.put("message", error.getMsg());
      described.add(entry);
    }
    return described;
  }

  private static List<String> describeConfigurationErrors(Report report) {
    List<String> described = new ArrayList<>();
    for (Report.ConfigurationError error : report.getConfigurationErrors()) {
      described.add(error.rule().getName() + ": " + error.issue());
    }
    return described;
  }

  /**
   * Collects PMD's warnings and errors, such as a ruleset that fails to
   * load, which PMD otherwise sends to the no-op SLF4J logger bundled in
   * java-lib and so would vanish.
   */
  private static final class CollectingReporter implements PmdReporter {
    private final List<String> errors = new ArrayList<>();

    @Override
    public boolean isLoggable(Level level) {
      return level.toInt() >= Level.WARN.toInt();
    }

    @Override
    public void logEx(
        Level level, String message, Object[] formatArgs, Throwable error) {
      if (!isLoggable(level)) {
        return;
      }
      String text = formatMessage(message, formatArgs);
      if (error != null) {
        text = text.isEmpty() ? error.toString() : text + " (" + error + ")";
      }
      if (level == Level.ERROR) {
        errors.add(text);
      } else {
        System.err.println("PMD warning: " + text);
      }
    }

    @Override
    public int numErrors() {
      return errors.size();
    }

    // PMD passes MessageFormat patterns, and a null message with an error.
    private static String formatMessage(String message, Object[] formatArgs) {
      if (message == null) {
        return "";
      }
      try {
        return MessageFormat.format(message, formatArgs);
      } catch (IllegalArgumentException notAPattern) {
        return message;
      }
    }
  }
}
