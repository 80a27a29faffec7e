package org.mbpo4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The two files a campaign hands to Slurm: {@code tasks.tsv}, one line per run (array task,
 * config name, seed, run directory, config file, {@code --set} values), and the job script
 * {@code campaign.sbatch}, a job array whose task {@code i} trains the run on line {@code i}.
 *
 * <p>A task is idempotent: a run whose {@code summary.json} says it is complete ends the task at
 * once; a run directory that holds a {@code config.yaml} (a task requeued, or submitted again) is
 * continued with {@code mbpo train --resume}, from its last checkpoint; otherwise the run starts.
 * Values reach the shell single-quoted, and the table is read field by field, so paths and
 * overrides are never parsed by the shell.
 */
final class SlurmScript {
    /** One run of the campaign, as a line of {@code tasks.tsv}. */
    record Task(int id, String variant, int seed, Path runDir, Path config, List<String> overrides) {
    }

    /** The job script's name under {@code OUT/slurm/}. */
    static final String SCRIPT = "campaign.sbatch";
    /** The task table's name under {@code OUT/slurm/}. */
    static final String TASKS = "tasks.tsv";
    /** Characters a path may hold to appear in an {@code #SBATCH} line, which Slurm does not unquote. */
    private static final Pattern SBATCH_SAFE_PATH = Pattern.compile("[A-Za-z0-9._/+=@,:~-]+");

    private SlurmScript() {
    }

    /** The lines of {@code tasks.tsv}: a header, then one tab-separated line per task. */
    static String tasksTable(List<Task> tasks) {
        StringBuilder b = new StringBuilder("# task\tconfig\tseed\trun_dir\tconfig_file\tset...\n");
        for (Task t : tasks) {
            List<String> fields = new ArrayList<>(List.of(Integer.toString(t.id()), t.variant(),
                    Integer.toString(t.seed()), t.runDir().toString(), t.config().toString()));
            fields.addAll(t.overrides());
            for (String f : fields) {
                if (f.isEmpty() || f.indexOf('\t') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                    throw new UserError("--launcher slurm: '" + f.replace("\t", "\\t").replace("\n", "\\n")
                            + "' (of " + t.variant() + ") cannot be a field of " + TASKS
                            + ": values may not be empty or hold tabs or line breaks");
                }
            }
            b.append(String.join("\t", fields)).append('\n');
        }
        return b.toString();
    }

    /**
     * The job script.
     *
     * @param title what the campaign compares, for the header comment
     * @param command {@code compare} or {@code sweep}
     * @param slurmDir {@code OUT/slurm} (absolute): the task table and the logs
     * @param campaignDir {@code OUT} (absolute), for the collect hint
     * @param tasks the number of array tasks
     * @param jobName the job's name
     * @param options the {@code #SBATCH} options of the user and the site, without the prefix
     * @param setup the site's set-up lines, run before each task
     * @param mbpo the mbpo launcher the tasks run
     * @param workDir the directory the tasks run in (relative paths in overrides resolve there)
     */
    static String script(String title, String command, Path slurmDir, Path campaignDir, int tasks, String jobName,
            List<String> options, List<String> setup, Path mbpo, Path workDir) {
        if (!SBATCH_SAFE_PATH.matcher(slurmDir.toString()).matches()) {
            throw new UserError("--launcher slurm: the campaign directory " + campaignDir + " cannot be named in the"
                    + " job script's #SBATCH --output line; give an --out whose path holds only letters, digits and"
                    + " . _ / + = @ , : ~ -");
        }
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/bash\n");
        s.append("# mbpo4j campaign: ").append(oneLine(title)).append(", ").append(tasks)
                .append(tasks == 1 ? " run" : " runs").append(", one array task each.\n");
        s.append("# Written by `mbpo ").append(command).append(" --launcher slurm`. Task i trains the run on line i of\n");
        s.append("# tasks.tsv into ").append(oneLine(campaignDir.toString())).append("/<config>/seed<s>. A task requeued"
                + " or submitted again\n");
        s.append("# resumes its run from the last checkpoint, and ends at once if the run is complete, so\n");
        s.append("#   sbatch --array=3,5 ").append(oneLine(slurmDir.resolve(SCRIPT).toString())).append('\n');
        s.append("# reruns just tasks 3 and 5. Results: mbpo compare --collect ").append(oneLine(campaignDir.toString()))
                .append('\n');
        s.append("#SBATCH --job-name=").append(jobName).append('\n');
        s.append("#SBATCH --array=0-").append(tasks - 1).append('\n');
        s.append("#SBATCH --output=").append(slurmDir).append("/%A_%a.out\n");
        s.append("#SBATCH --open-mode=append\n");
        s.append("#SBATCH --requeue\n");
        for (String o : options) {
            s.append("#SBATCH ").append(o).append('\n');
        }
        s.append('\n');
        s.append("set -euo pipefail\n\n");
        s.append("mbpo=").append(quote(mbpo.toString())).append('\n');
        s.append("tasks=").append(quote(slurmDir.resolve(TASKS).toString())).append('\n');
        s.append("cd ").append(quote(workDir.toString())).append('\n');
        if (!setup.isEmpty()) {
            s.append("\n# Site set-up (--sbatch-template)\n");
            for (String line : setup) {
                s.append(line).append('\n');
            }
        }
        s.append("""

                task="${SLURM_ARRAY_TASK_ID:?is not set: submit this script with sbatch, it is a job array}"
                # One thread per CPU of the task, unless OMP_NUM_THREADS is set.
                export OMP_NUM_THREADS="${OMP_NUM_THREADS:-${SLURM_CPUS_PER_TASK:-1}}"
                # Every task runs the jar built when the campaign was submitted: no node rebuilds it.
                export MBPO4J_NO_BUILD=1

                # This task's line of tasks.tsv: task, config, seed, run directory, config file, --set values.
                row=()
                while IFS=$'\\t' read -r -a fields; do
                  if [ "${fields[0]}" = "$task" ]; then row=("${fields[@]}"); break; fi
                done < "$tasks"
                if [ "${#row[@]}" -lt 5 ]; then
                  echo "mbpo task $task: no line for it in $tasks" >&2
                  exit 2
                fi
                name="${row[1]}" seed="${row[2]}" run="${row[3]}" config="${row[4]}"
                echo "mbpo task $task: $name seed $seed, job ${SLURM_ARRAY_JOB_ID:-?}_$task," \\
                  "attempt $(( ${SLURM_RESTART_COUNT:-0} + 1 )), on $(hostname) at $(date '+%F %T')"

                status=0
                if grep -Eq '"complete" *: *true' "$run/summary.json" 2>/dev/null; then
                  echo "mbpo task $task: $run is complete"
                  exit 0
                elif [ -f "$run/config.yaml" ]; then
                  # Requeued or submitted again: continue from the last checkpoint (step 0 if none).
                  "$mbpo" train --resume "$run" -q || status=$?
                else
                  args=(train -c "$config" --seed "$seed" --out "$run" -q)
                  for set in "${row[@]:5}"; do args+=(--set "$set"); done
                  "$mbpo" "${args[@]}" || status=$?
                fi
                echo "mbpo task $task: exit status $status at $(date '+%F %T')"
                exit "$status"
                """);
        return s.toString();
    }

    /** {@code value} single-quoted for bash: nothing in it is expanded. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }
}
