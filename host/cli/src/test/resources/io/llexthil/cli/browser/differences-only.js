// Switches the report to "differences only" and says what stays visible.
(() => {
  const box = document.getElementById('only-diffs');
  box.click();
  const shown = sel => [...document.querySelectorAll(sel)].filter(e => e.getClientRects().length > 0).length;
  return {checked: box.checked, sameRows: document.querySelectorAll('.cases tr.same').length,
          sameRowsShown: shown('.cases tr.same'), differingRowsShown: shown('.cases tr.differs'),
          differencesInTable: document.querySelectorAll('table.differences tr').length - 1,
          passingCasesShown: shown('.cases details.st-PASS'), failingCasesShown: shown('.cases details.st-FAIL'),
          y: document.getElementById('cases').getBoundingClientRect().top + scrollY};
})()
