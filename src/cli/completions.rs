//! `tisc completions <shell>` and `tisc man`: the shell completion script and the man page,
//! both generated from the clap definitions ([`super::command`]), so they never drift from
//! the commands. Hidden commands and flags are left out of both.

use clap::Args;
use std::io::Write;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to write the completion script for
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Args, Debug)]
pub struct ManArgs {}

/// Print the completion script of `shell` to the standard output.
pub fn completions(a: CompletionsArgs) -> anyhow::Result<()> {
    use clap_complete::Shell as S;
    let shell = match a.shell {
        Shell::Bash => S::Bash,
        Shell::Zsh => S::Zsh,
        Shell::Fish => S::Fish,
        Shell::Powershell => S::PowerShell,
    };
    let mut cmd = visible(&super::command());
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "tisc", &mut buf);
    write_raw(&buf)
}

/// A copy of `cmd` without its hidden commands and flags, for the completion scripts (which
/// would otherwise offer them): names, descriptions, aliases and arguments are kept.
fn visible(cmd: &clap::Command) -> clap::Command {
    let mut out = clap::Command::new(cmd.get_name().to_string())
        .args(cmd.get_arguments().filter(|a| !a.is_hide_set()).cloned())
        .subcommands(
            cmd.get_subcommands()
                .filter(|s| !s.is_hide_set())
                .map(visible),
        )
        .visible_aliases(cmd.get_visible_aliases().map(str::to_string));
    if let Some(about) = cmd.get_about() {
        out = out.about(about.clone());
    }
    if cmd.is_subcommand_required_set() {
        out = out.subcommand_required(true);
    }
    out
}

/// Print the man page (roff) of tisc and its commands to the standard output.
pub fn man(_: ManArgs) -> anyhow::Result<()> {
    let cmd = super::command();
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut buf)?;
    // The program's page, then a section per visible command: its description, synopsis,
    // options and own commands, with their headings one level down.
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let title = format!("TISC {}", sub.get_name().to_ascii_uppercase());
        let has_commands = sub.get_subcommands().any(|s| !s.is_hide_set());
        let sub = sub
            .clone()
            .display_name(format!("tisc {}", sub.get_name()))
            .bin_name(format!("tisc {}", sub.get_name()));
        let man = clap_mangen::Man::new(sub);
        let mut part = Vec::new();
        man.render_description_section(&mut part)?;
        man.render_synopsis_section(&mut part)?;
        man.render_options_section(&mut part)?;
        if has_commands {
            man.render_subcommands_section(&mut part)?;
        }
        writeln!(buf, ".SH \"{title}\"")?;
        for line in String::from_utf8_lossy(&part).lines() {
            match line.strip_prefix(".SH ") {
                Some(head) => writeln!(buf, ".SS {head}")?,
                None => writeln!(buf, "{line}")?,
            }
        }
    }
    write_raw(&buf)
}

/// Generated text, written as it is (it holds no document text).
fn write_raw(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(())
}
