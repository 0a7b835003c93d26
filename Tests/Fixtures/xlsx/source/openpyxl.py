# Made once with openpyxl 3.1.5 (a different writer from LibreOffice); the output is committed.
import datetime, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "รายชื่อ"
ws.append(["id", "ชื่อ", "ด้าน", None, "วันที่ประเมิน", "ผ่าน", "คะแนน"])
ws.merge_cells("C1:D1")
ws.append(["C001", "นางสาวกานดา", "DLit100", "DLit200", datetime.date(2024, 3, 1), True, 0.1])
ws.append(["C002", None, 1, 0, datetime.datetime(2024, 3, 1, 8, 30), False, 2.5])
ws.append([])
ws.append(["C003", "นายสมชาย", "yes", "no", None, None, 10])
ws2 = wb.create_sheet("อื่น")
ws2["B2"] = "ข"
wb.save("openpyxl.xlsx")
