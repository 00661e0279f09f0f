"""The command line. Headless work uses app/ alone; only the window (no sub-command) loads Qt."""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from . import APP_NAME, __version__

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2

_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "options": "选项",
    "positional arguments": "参数",
    "show this help message and exit": "显示本帮助并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项 %(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的数值：%(value)r",
    "expected one argument": "需要一个值",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
}
argparse._ = lambda text: _ARGPARSE_ZH.get(text, text)  # argparse looks its words up through _()


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print English and exit itself
        raise UsageError(f"命令用法有误：{message}。用 {self.prog} --help 查看用法。")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"「{text}」不是整数") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"「{text}」不能为负数")
    return value


def _add_archived(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--archived", choices=["active", "archived", "all"], default="active",
                        help="active 在册（默认）、archived 已归档、all 全部")


def _add_ledger_options(parser: argparse.ArgumentParser, out_help: str | None = None) -> None:
    """--year and --archived, and --out (required when *out_help* is given) for commands on the ledger."""
    parser.add_argument("--year", type=_positive, metavar="年度", help="工作年度（默认：上次窗口中选的年度）")
    _add_archived(parser)
    if out_help:
        parser.add_argument("--out", metavar="文件", required=True, help=out_help)


def _add_competition(parser: argparse.ArgumentParser, out_help: str) -> None:
    parser.add_argument("--id", type=_positive, required=True, metavar="编号",
                        help="竞赛编号（competitions list 的 id 列）")
    parser.add_argument("--out", metavar="文件", required=True, help=out_help)


def _add_year_commands(sub, common: argparse.ArgumentParser) -> None:
    """indicators, areas, year: the figures of a year, the county's areas, and opening a new year."""
    p = sub.add_parser("indicators", parents=[common], help="一个年度的各项指标（覆盖面、参与率、年度数据合计……）")
    p.add_argument("--year", type=_positive, metavar="年度", help="年度（默认：上次窗口中选的年度）")
    p.add_argument("--area", metavar="名称", help="只列出这个区域的指标（默认：全县和每个区域）")
    p.add_argument("--format", choices=["csv", "json"], default="csv", help="输出格式（默认 csv）")
    p.add_argument("--out", metavar="文件", help="写入文件；默认输出到屏幕")
    areas = sub.add_parser("areas", parents=[common], help="乡镇、街道、园区")
    areas_sub = areas.add_subparsers(dest="action", metavar="操作", parser_class=_Parser, required=True)
    areas_sub.add_parser("list", parents=[common], help="列出区域")
    p = areas_sub.add_parser("add", parents=[common], help="添加区域")
    p.add_argument("name", metavar="名称", help="区域名称，如 青山镇")
    p.add_argument("--kind", choices=["乡镇", "街道", "园区"], required=True, help="区域类型")
    tg = sub.add_parser("targets", parents=[common], help="目标：各项指标的年度目标，全县和各区域")
    tg_sub = tg.add_subparsers(dest="action", metavar="操作", parser_class=_Parser, required=True)
    p = tg_sub.add_parser("list", parents=[common], help="列出一个年度的目标和完成情况")
    p.add_argument("--year", type=_positive, metavar="年度", help="年度（默认：上次窗口中选的年度）")
    p.add_argument("--format", choices=["csv", "json"], default="csv", help="输出格式（默认 csv）")
    p = tg_sub.add_parser("set", parents=[common], help="设定一个目标（值为空则清除）")
    p.add_argument("--year", type=_positive, required=True, metavar="年度")
    p.add_argument("--code", required=True, metavar="代码", help="指标代码（indicators 命令的 代码 列），如 studios")
    p.add_argument("--value", required=True, metavar="值", help="目标值；比率写百分数，如 80")
    p.add_argument("--area", metavar="名称", help="区域（默认：全县）")
    p = tg_sub.add_parser("split", parents=[common], help="把全县目标按各区域职工人数分解（最大余数法）")
    p.add_argument("--year", type=_positive, required=True, metavar="年度")
    p.add_argument("--code", required=True, metavar="代码")
    p.add_argument("--dry-run", action="store_true", help="只列出分解结果，不保存")
    p = tg_sub.add_parser("copy", parents=[common], help="把一个年度的目标复制到另一年度")
    p.add_argument("--from", dest="source", type=_positive, required=True, metavar="年度")
    p.add_argument("--to", dest="target", type=_positive, required=True, metavar="年度")
    rt = sub.add_parser("returns", parents=[common], help="上报表：表一至表五")
    rt_sub = rt.add_subparsers(dest="action", metavar="操作", parser_class=_Parser, required=True)
    rt_sub.add_parser("list", parents=[common], help="列出全部报表")
    p = rt_sub.add_parser("show", parents=[common], help="显示一张报表的全部数字")
    p.add_argument("number", metavar="表号", help="如 表一")
    p.add_argument("--year", type=_positive, metavar="年度", help="年度（默认：上次窗口中选的年度）")
    p.add_argument("--format", choices=["csv", "json"], default="csv", help="输出格式（默认 csv）")
    p = sub.add_parser("check", parents=[common], help="逻辑检查：有错误时退出码为 1")
    p.add_argument("--year", type=_positive, metavar="年度", help="年度（默认：上次窗口中选的年度）")
    p.add_argument("--format", choices=["text", "json"], default="text", help="输出格式（默认 text）")
    sm = sub.add_parser("submissions", parents=[common], help="上报记录")
    sm_sub = sm.add_subparsers(dest="action", metavar="操作", parser_class=_Parser, required=True)
    sm_sub.add_parser("list", parents=[common], help="列出上报记录")
    p = sm_sub.add_parser("diff", parents=[common], help="现在重新生成的报表与上报时相比，哪些格子变了")
    p.add_argument("id", type=_positive, metavar="编号", help="上报记录编号（submissions list 的 编号 列）")
    ch = sub.add_parser("changes", parents=[common], help="操作记录：谁在什么时候改了哪条记录")
    ch_sub = ch.add_subparsers(dest="action", metavar="操作", parser_class=_Parser, required=True)
    p = ch_sub.add_parser("list", parents=[common], help="列出操作记录（最新的在前）")
    p.add_argument("--table", metavar="表", help="只列出这张表的，如 units、honors（见 README）")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="只列出这一天以后的")
    p.add_argument("--format", choices=["text", "json"], default="text", help="输出格式（默认 text）")
    p = ch_sub.add_parser("undo", parents=[common], help="恢复第 N 条删除的记录，或撤销它的修改")
    p.add_argument("id", type=_positive, metavar="编号", help="操作记录编号（changes list 的第一列）")
    p = sub.add_parser("backup", parents=[common], help="备份数据文件（到一个文件夹或文件）")
    p.add_argument("--out", metavar="文件或文件夹", required=True, help="备份到哪里，如 U 盘上的文件夹")
    bk = sub.add_parser("backups", parents=[common], help="备份")
    bk_sub = bk.add_subparsers(dest="action", metavar="操作", parser_class=_Parser, required=True)
    bk_sub.add_parser("list", parents=[common], help="列出数据文件旁“备份”文件夹中的备份")
    p = sub.add_parser("restore", parents=[common], help="从备份恢复（先把现在的文件另存为一份备份）")
    p.add_argument("file", metavar="备份文件", help="要恢复的备份")
    p.add_argument("--yes", action="store_true", help="不再询问，直接恢复")
    year = sub.add_parser("year", parents=[common], help="年度")
    year_sub = year.add_subparsers(dest="action", metavar="操作", parser_class=_Parser, required=True)
    p = year_sub.add_parser("open", parents=[common], help="开始新年度：把上一年度的单位带入新年度（人数待核实）")
    p.add_argument("year", type=_positive, metavar="年度", help="要开始的年度，如 2027")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="文件", default=argparse.SUPPRESS,
                        help="数据库文件（默认：用户数据文件夹中的 台账.db，或环境变量 UNION_LEDGER_DB）")
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="出错时显示技术细节")

    parser = _Parser(prog="main.py", parents=[common],
                     description=f"{APP_NAME} {__version__}：不带子命令时打开窗口。")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}", help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", metavar="子命令", parser_class=_Parser)

    p = sub.add_parser("init", parents=[common], help="新建（或升级）数据库文件")
    p.add_argument("--union", metavar="名称", help="工会名称，如 某某县总工会")
    p.add_argument("--county", metavar="名称", help="所在县（市、区）")

    p = sub.add_parser("demo", parents=[common], help="在空数据库中生成示例数据")
    p.add_argument("--units", type=_positive, default=2000, metavar="N", help="单位数（默认 2000）")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="随机种子：相同种子生成相同数据")
    p.add_argument("--year", type=_positive, metavar="年度", help="最近的年度（默认今年），生成三个年度")
    p.add_argument("--people", type=_positive, metavar="N", help="职工人数（默认：单位数的 5 倍）")

    units = sub.add_parser("units", parents=[common], help="单位台账")
    units_sub = units.add_subparsers(dest="action", metavar="操作", parser_class=_Parser, required=True)
    p = units_sub.add_parser("list", parents=[common], help="列出单位")
    _add_ledger_options(p)
    p.add_argument("--format", choices=["csv", "json"], default="csv", help="输出格式（默认 csv）")
    p.add_argument("--out", metavar="文件", help="写入文件（CSV 带 BOM，Excel 可直接打开）；默认输出到屏幕")
    for action, title in (("archive", "归档单位（关闭或迁出）：不再列入归档那一年及以后的台账"),
                          ("restore", "恢复已归档的单位")):
        p = units_sub.add_parser(action, parents=[common], help=title)
        p.add_argument("--id", type=_positive, nargs="+", required=True, metavar="编号",
                       help="单位编号（units list 的 编号 列），可写多个")
        if action == "archive":
            p.add_argument("--date", metavar="YYYY-MM-DD", help="归档日期（默认今天）")
    _add_year_commands(sub, common)
    people = sub.add_parser("people", parents=[common], help="职工")
    people_sub = people.add_subparsers(dest="action", metavar="操作", parser_class=_Parser, required=True)
    p = people_sub.add_parser("list", parents=[common], help="列出职工（身份证号默认只显示前 6 位和后 4 位）")
    p.add_argument("--format", choices=["csv", "json"], default="csv", help="输出格式（默认 csv）")
    p.add_argument("--full-id", action="store_true", help="输出完整身份证号（请妥善保管导出的文件）")
    p.add_argument("--out", metavar="文件", help="写入文件（CSV 带 BOM，Excel 可直接打开）；默认输出到屏幕")
    comps = sub.add_parser("competitions", parents=[common], help="竞赛")
    comps_sub = comps.add_subparsers(dest="action", metavar="操作", parser_class=_Parser, required=True)
    p = comps_sub.add_parser("list", parents=[common], help="列出一个年度的竞赛")
    p.add_argument("--year", type=_positive, metavar="年度", help="年度（默认：上次窗口中选的年度）")
    p.add_argument("--format", choices=["csv", "json"], default="csv", help="输出格式（默认 csv）")
    p.add_argument("--out", metavar="文件", help="写入文件；默认输出到屏幕")

    for noun, title in (("figures", "年度数据（各单位上报的合计数）"), ("innovations", "创新成果"),
                        ("honors", "荣誉（先进集体和个人）")):
        group = sub.add_parser(noun, parents=[common], help=title)
        group_sub = group.add_subparsers(dest="action", metavar="操作", parser_class=_Parser, required=True)
        p = group_sub.add_parser("list", parents=[common], help=f"列出一个年度的{title}")
        p.add_argument("--year", type=_positive, metavar="年度", help="年度（默认：上次窗口中选的年度）")
        p.add_argument("--format", choices=["csv", "json"], default="csv", help="输出格式（默认 csv）")
        p.add_argument("--out", metavar="文件", help="写入文件（CSV 带 BOM，Excel 可直接打开）；默认输出到屏幕")
        if noun == "honors":
            p.add_argument("--state", choices=["推荐", "公示", "命名", "撤销"], help="只列出这一状态的荣誉")
        if noun == "innovations":
            p.add_argument("--kind", metavar="类别", help="只列出这一类别，如 技术革新")

    export = sub.add_parser("export", parents=[common], help="导出 Excel 上报表")
    export_sub = export.add_subparsers(dest="what", metavar="报表", parser_class=_Parser, required=True)
    p = export_sub.add_parser("ledger", parents=[common], help="单位台账 .xlsx")
    _add_ledger_options(p, "输出的 .xlsx 文件")
    p = export_sub.add_parser("return", parents=[common], help="上报表 .xlsx（几张表写进一个文件，一表一页）")
    p.add_argument("numbers", nargs="+", metavar="表号", help="如 表一 表二")
    p.add_argument("--year", type=_positive, metavar="年度", help="年度（默认：上次窗口中选的年度）")
    p.add_argument("--out", metavar="文件", required=True, help="输出的 .xlsx 文件")
    p.add_argument("--force", action="store_true", help="逻辑检查未通过也导出（报表上注明“未通过逻辑检查”）")
    p.add_argument("--submit", action="store_true", help="作为正式上报：记入上报记录（文件的 SHA-256 和每个格子的数）")
    p = export_sub.add_parser("participants", parents=[common], help="一项竞赛的参赛单位名单 .xlsx")
    _add_competition(p, "输出的 .xlsx 文件")
    p = export_sub.add_parser("recommendations", parents=[common],
                              help="先进集体和先进个人推荐名单 .xlsx（身份证号默认只显示前 6 位和后 4 位）")
    p.add_argument("--year", type=_positive, metavar="年度", help="年度（默认：上次窗口中选的年度）")
    p.add_argument("--full-id", action="store_true", help="输出完整身份证号（请妥善保管导出的文件）")
    p.add_argument("--out", metavar="文件", required=True, help="输出的 .xlsx 文件")
    p = export_sub.add_parser("templates", parents=[common], help="发给各区域的填报模板 .xlsx（每个区域一份）")
    p.add_argument("--kind", required=True, metavar="模板",
                   choices=["单位名单", "年度数据", "参赛", "创新成果", "推荐名单", "表一", "表二"],
                   help="单位名单 | 年度数据 | 参赛 | 创新成果 | 推荐名单 | 表一 | 表二")
    p.add_argument("--year", type=_positive, metavar="年度", help="年度（默认：上次窗口中选的年度）")
    p.add_argument("--area", metavar="区域", help="只生成这一个区域的（默认：每个区域一份）")
    p.add_argument("--deadline", metavar="日期", help="报送截止日期，如 2026-10-20（写在模板上，报送情况据此标逾期）")
    p.add_argument("--competition", type=_positive, metavar="编号",
                   help="参赛：只生成这一项竞赛的（默认：本年度每项竞赛）")
    p.add_argument("--out", metavar="文件夹", required=True, help="模板写入的文件夹（没有则新建）")

    imp = sub.add_parser("import", parents=[common], help="从 Excel / CSV 导入")
    imp_sub = imp.add_subparsers(dest="what", metavar="内容", parser_class=_Parser, required=True)
    for what, title in (("units", "导入单位名单"), ("people", "导入职工名单"),
                        ("participants", "导入竞赛的参赛单位名单"), ("figures", "导入各单位的年度数据"),
                        ("targets", "导入一个年度的目标（指标、区域、目标值）")):
        p = imp_sub.add_parser(what, parents=[common], help=f"{title}（.xlsx .xls .ods .csv）")
        p.add_argument("file", metavar="文件", help="要导入的表格文件")
        p.add_argument("--dry-run", action="store_true", help="只预览，不写入")
        p.add_argument("--skip-invalid", action="store_true", help="跳过不能导入的行，导入其余正确的行")
        p.add_argument("--sheet", metavar="名称", help="工作表名称（默认：第一个有表头的工作表）")
        p.add_argument("--refused", metavar="文件", help="把不能导入的行另存为 .xlsx（带“错误原因”列）")
        if what == "participants":
            p.add_argument("--competition", type=_positive, required=True, metavar="编号",
                           help="竞赛编号（competitions list 的 id 列）")
        if what in ("units", "figures", "targets"):
            p.add_argument("--year", type=_positive, metavar="年度", help="人数等年度数据记入的年度（默认：工作年度）")
        if what == "units":
            p.add_argument("--area", metavar="区域", help="没有“所属区域”的行记入的区域")
            p.add_argument("--category", metavar="代码", help="没有“单位类别”的新单位的类别代码，如 170")

    p = imp_sub.add_parser("returned", parents=[common], help="读取各区域交回的填报模板（一个文件或一个文件夹）")
    p.add_argument("file", metavar="文件或文件夹", help="交回的 .xlsx，或放着它们的文件夹")
    p.add_argument("--year", type=_positive, metavar="年度", help="年度（默认：工作年度）；别的年度的模板不读取")
    p.add_argument("--dry-run", action="store_true", help="只预览（每个格子的旧值 → 新值），不写入")
    p.add_argument("--skip-invalid", action="store_true", help="跳过不能导入的行，导入其余正确的行")
    p.add_argument("--replace", action="store_true", help="同一区域的同一模板已接收过时，用这份替换")
    p.add_argument("--refused", metavar="文件夹", help="把每个文件不能导入的行另存到这里（带“错误原因”列，可发回）")

    p = sub.add_parser("collection", parents=[common], help="填报模板的报送情况")
    p.add_argument("action", choices=["status"], metavar="status", help="status：每个区域、每种模板的接收情况")
    p.add_argument("--year", type=_positive, metavar="年度", help="年度（默认：上次窗口中选的年度）")
    p.add_argument("--format", choices=["csv", "json"], default="csv", help="输出格式（默认 csv）")
    p = sub.add_parser("consolidate", parents=[common],
                       help="汇总几份同一表号、同一年度的报表（县汇总园区、市汇总各县）")
    p.add_argument("files", nargs="+", metavar="文件", help="要汇总的 .xlsx 报表")
    p.add_argument("--number", metavar="表号", help="文件中有几张表时，要汇总的表号，如 表一")
    p.add_argument("--out", metavar="文件", required=True, help="汇总表 .xlsx")

    report = sub.add_parser("report", parents=[common], help="生成 PDF 报告（嵌入中文字体，可直接打印）")
    report_sub = report.add_subparsers(dest="what", metavar="报告", parser_class=_Parser, required=True)
    p = report_sub.add_parser("ledger", parents=[common], help="单位台账 PDF")
    _add_ledger_options(p, "输出的 .pdf 文件")
    for what, help_text in (("competition-plan", "竞赛方案 PDF（方案的全部内容，可直接打印）"),
                            ("participants", "一项竞赛的参赛单位名单 PDF")):
        _add_competition(report_sub.add_parser(what, parents=[common], help=help_text), "输出的 .pdf 文件")
    p = report_sub.add_parser("roster", parents=[common], help="表彰 / 公示名单 PDF（按称号分组）")
    p.add_argument("--year", type=_positive, metavar="年度", help="年度（默认：上次窗口中选的年度）")
    p.add_argument("--state", choices=["命名", "公示", "推荐"], default="命名",
                   help="命名：表彰名单（默认）；公示：公示名单；推荐：推荐名单")
    p.add_argument("--out", metavar="文件", required=True, help="输出的 .pdf 文件")
    p = report_sub.add_parser("return", parents=[common], help="一张上报表的 PDF")
    p.add_argument("number", metavar="表号", help="如 表一")
    p.add_argument("--year", type=_positive, metavar="年度", help="年度（默认：上次窗口中选的年度）")
    p.add_argument("--out", metavar="文件", required=True, help="输出的 .pdf 文件")
    p.add_argument("--force", action="store_true", help="逻辑检查未通过也生成（注明“未通过逻辑检查”）")
    p = report_sub.add_parser("check", parents=[common], help="逻辑检查报告 PDF")
    p.add_argument("--year", type=_positive, metavar="年度", help="年度（默认：上次窗口中选的年度）")
    p.add_argument("--out", metavar="文件", required=True, help="输出的 .pdf 文件")
    p = report_sub.add_parser("summary", parents=[common], help="年度劳动竞赛工作情况汇总 PDF")
    p.add_argument("--year", type=_positive, metavar="年度", help="年度（默认：上次窗口中选的年度）")
    p.add_argument("--out", metavar="文件", required=True, help="输出的 .pdf 文件")
    p = report_sub.add_parser("unit", parents=[common], help="单位档案 PDF（一家单位的基本情况和历年数据）")
    p.add_argument("--id", type=_positive, required=True, metavar="编号", help="单位编号（units list 的 id 列）")
    p.add_argument("--out", metavar="文件", required=True, help="输出的 .pdf 文件")
    return parser


def main(argv: Sequence[str] | None = None, window: Callable[[Path], int] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 failure, 2 usage). Without a sub-command it
    calls *window* (main.py passes the one that loads Qt: the core never imports the window)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    debug = getattr(args, "debug", False)
    logging.basicConfig(level=logging.INFO if debug else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    from .paths import resolve_db_path

    db_file = resolve_db_path(getattr(args, "db", None))
    if args.command is None:
        if window is None:
            print("错误：这个入口没有窗口，请带子命令运行（--help 查看）。", file=sys.stderr)
            return EXIT_USAGE
        return window(db_file)
    from .commands import COMMANDS
    from .errors import LedgerError

    try:
        return COMMANDS[args.command](args, db_file)
    except LedgerError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_FAILURE
    except Exception as exc:  # a bug: one line for the user, the traceback when asked
        if debug:
            traceback.print_exc()
        print(f"错误：程序内部出错（{type(exc).__name__}: {exc}）。加 --debug 可查看详细信息。", file=sys.stderr)
        return EXIT_FAILURE
